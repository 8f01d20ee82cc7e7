using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class SignInTests(PortalAppFactory factory, ITestOutputHelper output)
{
    private const string Incorrect = "Email or password is incorrect.";
    private const string SessionCookie = "__Host-monime";

    [Fact]
    public async Task SignIn_CorrectPassword_RedirectsToDeveloperWithSessionCookie()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        using var response = await client.SignInAsync(user.Email, user.Password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Developer", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), IsSessionCookie);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task SignIn_HoldingAnEarlierSessionsCookie_IssuesANewSessionCookieEveryTime()
    {
        const int SignIns = 20;
        var attacker = await factory.CreateUserAsync();
        var victim = await factory.CreateUserAsync();
        using var attackerClient = factory.CreatePortalClient();
        using var attackerSignIn = await attackerClient.SignInAsync(attacker.Email, attacker.Password);
        var portal = new Uri("https://localhost");
        var cookies = new CookieContainer();
        using var client = factory.CreateDefaultClient(portal, new CookieContainerHandler(cookies));

        // A fixation attempt first: the victim's browser holds a session the attacker planted, then their own
        // earlier session each time they sign in again.
        var planted = IssuedSessionCookie(attackerSignIn);
        cookies.Add(portal, new Cookie(SessionCookie, planted) { Secure = true, HttpOnly = true });
        var seen = new HashSet<string>(StringComparer.Ordinal) { planted };
        var rotated = 0;
        for (var signIn = 0; signIn < SignIns; signIn++)
        {
            var held = cookies.GetCookies(portal)[SessionCookie]?.Value;
            Assert.NotNull(held);

            using var response = await client.SignInAsync(victim.Email, victim.Password);
            var issued = IssuedSessionCookie(response);

            if (response.StatusCode == HttpStatusCode.Redirect && issued != held && seen.Add(issued))
            {
                rotated++;
            }
        }

        output.WriteLine($"A4: session cookie rotated at {rotated} of {SignIns} sign-ins " +
            $"({100.0 * rotated / SignIns:F0}%), the first over a planted session of another account");
        Assert.Equal(SignIns, rotated);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsOneMessageForUnknownAndKnownAccounts()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        using var known = await client.SignInAsync(user.Email, "not the password at all");
        using var unknown = await client.SignInAsync(
            $"nobody-{Guid.NewGuid():N}@example.test", "not the password at all");

        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains(Incorrect, await known.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(Incorrect, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_UnknownEmail_AuditsTheFailureAndCreatesNoAccount()
    {
        var email = $"nobody-{Guid.NewGuid():N}@example.test";
        using var client = factory.CreatePortalClient();
        var before = await FailuresWithoutAccountAsync();

        using var response = await client.SignInAsync(email, "not the password at all");

        var normalized = email.ToUpperInvariant();
        var accounts = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .Users.CountAsync(u => u.NormalizedEmail == normalized || u.NormalizedUserName == normalized));
        var failures = await FailuresWithoutAccountAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, accounts);
        Assert.True(failures > before, $"{before} failures without an account before, {failures} after");
    }

    [Fact]
    public async Task SignIn_DisabledAccount_RefusedLikeAWrongPasswordAfterTheSamePasswordCheck()
    {
        var user = await factory.CreateUserAsync();
        await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.DisabledAt, DateTimeOffset.UtcNow)));
        using var client = factory.CreatePortalClient();

        using var correct = await client.SignInAsync(user.Email, user.Password);
        using var wrong = await client.SignInAsync(user.Email, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, correct.StatusCode);
        Assert.Contains(Incorrect, await correct.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);

        // The wrong password was checked and counted, as for an enabled account: the refusal cost the same work.
        var failures = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .Users.Where(u => u.Id == user.Id).Select(u => u.AccessFailedCount).SingleAsync());
        Assert.Equal(1, failures);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksOutEvenTheCorrectPassword()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var failed = await client.SignInAsync(user.Email, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        }

        using var fifth = await client.SignInAsync(user.Email, "wrong password 5");
        using var correct = await client.SignInAsync(user.Email, user.Password);

        Assert.Equal("/Account/Lockout", fifth.Headers.Location?.OriginalString);
        Assert.Equal("/Account/Lockout", correct.Headers.Location?.OriginalString);
        var lockoutEnd = await factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Monimeer>>();
            return await users.GetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!);
        });
        var remaining = (lockoutEnd!.Value - DateTimeOffset.UtcNow).TotalSeconds;
        output.WriteLine($"A1 (production settings): locked out at the 5th failure, {remaining:F0} s of 300 s left");
        Assert.InRange(remaining, 240, 300);
    }

    [Fact]
    public async Task SignOut_OldCookieReplayed_IsRejected()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        using var signIn = await client.SignInAsync(user.Email, user.Password);
        var sessionCookie = signIn.Headers.GetValues("Set-Cookie").First(IsSessionCookie);
        var cookieValue = sessionCookie.Split(';')[0];

        using var signOut = await client.PostFormAsync("/Developer", "/Account/Logout", []);
        using var replay = factory.CreatePortalClient();
        replay.DefaultRequestHeaders.Add("Cookie", cookieValue);
        using var response = await replay.GetAsync("/Developer");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(
            "https://localhost/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangePassword_OtherSessionsCookie_IsRejectedAtOnce()
    {
        var user = await factory.CreateUserAsync();
        using var here = factory.CreatePortalClient();
        using var elsewhere = factory.CreatePortalClient();
        await here.SignInAsync(user);
        await elsewhere.SignInAsync(user);

        using var changed = await here.PostFormAsync("/Account/Password", "/Account/Password",
            new Dictionary<string, string>
            {
                ["Input.CurrentPassword"] = user.Password,
                ["Input.NewPassword"] = "an entirely new passphrase",
                ["Input.ConfirmPassword"] = "an entirely new passphrase",
            });
        using var stillHere = await here.GetAsync("/Developer");
        using var oldSession = await elsewhere.GetAsync("/Developer");

        var page = await changed.Content.ReadAsStringAsync();
        Assert.Contains("Your password is changed", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, stillHere.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, oldSession.StatusCode);
        Assert.Contains("/Account/Login", oldSession.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Developer_Anonymous_RedirectsToSignIn()
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync("/Developer");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    private static string IssuedSessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(IsSessionCookie).Split(';')[0][(SessionCookie.Length + 1)..];

    private Task<int> FailuresWithoutAccountAsync() =>
        factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.Action == AuditActions.SignInFailed && e.SubjectUserId == null));

    private static bool IsSessionCookie(string setCookie) =>
        setCookie.StartsWith(SessionCookie + "=", StringComparison.Ordinal);
}
