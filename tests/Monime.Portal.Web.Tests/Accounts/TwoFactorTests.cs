using System.Net;
using System.Text.RegularExpressions;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Accounts;

public sealed partial class TwoFactorTests(TwoFactorTests.AdminsNeedTwoFactorFactory factory)
    : IClassFixture<TwoFactorTests.AdminsNeedTwoFactorFactory>
{
    [Fact]
    public async Task SignIn_WithTwoFactorOn_NeedsTheAuthenticatorCode()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var key = await EnableTwoFactorAsync(client);
        using var signOut = await client.PostFormAsync("/Developer", "/Account/Logout", []);

        using var password = await client.SignInAsync(user.Email, user.Password);
        using var wrong = await client.PostFormAsync("/Account/LoginWith2fa", "/Account/LoginWith2fa",
            new Dictionary<string, string> { ["code"] = "000000" });
        using var right = await client.PostFormAsync("/Account/LoginWith2fa", "/Account/LoginWith2fa",
            new Dictionary<string, string> { ["code"] = Totp.Compute(key, DateTimeOffset.UtcNow) });

        Assert.StartsWith("/Account/LoginWith2fa", password.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Equal("/Developer", right.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AdminPage_AdminWithoutTwoFactor_IsSentToSetItUpFirst()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var before = await client.GetAsync("/Admin");
        await EnableTwoFactorAsync(client);
        using var after = await client.GetAsync("/Admin");

        Assert.Equal("/Account/TwoFactor", before.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private static async Task<string> EnableTwoFactorAsync(HttpClient client)
    {
        using var keyMade = await client.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Setup", []);
        var setup = await client.GetStringAsync("/Account/TwoFactor");
        var key = KeyField().Match(setup).Groups[1].Value;
        using var enabled = await client.PostFormAsync("/Account/TwoFactor", "/Account/TwoFactor?handler=Enable",
            new Dictionary<string, string> { ["code"] = Totp.Compute(key, DateTimeOffset.UtcNow) });
        Assert.Contains("recovery codes", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return key;
    }

    [GeneratedRegex("id=\"authenticator-key\">([a-z2-7 ]+)<")]
    private static partial Regex KeyField();

    public sealed class AdminsNeedTwoFactorFactory : PortalAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["AccountSecurity:RequireTwoFactorForAdmins"] = "true",
        };
    }
}
