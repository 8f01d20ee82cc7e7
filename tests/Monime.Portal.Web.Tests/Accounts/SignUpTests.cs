using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class SignUpTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Register_ValidForm_CreatesAccountOwningANewSpace()
    {
        var email = $"new-{Guid.NewGuid():N}@example.test";
        using var client = factory.CreatePortalClient();

        using var response = await RegisterAsync(client, email, "a long enough passphrase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var membership = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .SpaceMemberships.Include(m => m.Space).SingleAsync(m => m.Monimeer!.Email == email));
        Assert.Equal(SpaceRole.Owner, membership.Role);
        Assert.True(SpaceIds.IsWellFormed(membership.SpaceId));
    }

    [Theory]
    [InlineData("short12", "at least 8")]
    [InlineData("password123", "most used")]
    [InlineData("luckydog", "most used")] // ranked about 2,680th in the breach list the portal ships
    [InlineData("NEBRASKA", "most used")] // the list is matched without regard to case
    public async Task Register_WeakPassword_IsRefusedBesideTheField(string password, string message)
    {
        var email = $"weak-{Guid.NewGuid():N}@example.test";
        using var client = factory.CreatePortalClient();

        using var response = await RegisterAsync(client, email, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.False(await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().Users.AnyAsync(u => u.Email == email)));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(64)]
    [InlineData(128)]
    public async Task Register_PasswordOfAcceptedLength_IsAcceptedWhole(int length)
    {
        var user = $"len-{Guid.NewGuid():N}@example.test";
        var password = string.Concat(Enumerable.Repeat("ñx7q", 40))[..length];
        using var client = factory.CreatePortalClient();

        using var registered = await RegisterAsync(client, user, password);
        using var fresh = factory.CreatePortalClient();
        using var truncated = await fresh.SignInAsync(user, password[..^1]);
        using var whole = await fresh.SignInAsync(user, password);

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, whole.StatusCode);
    }

    [Fact]
    public async Task Register_ExistingEmail_SaysSoAndCreatesNothing()
    {
        var existing = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        using var response = await RegisterAsync(client, existing.Email, "another fine passphrase");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("exists already", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().Users.CountAsync(u => u.Email == existing.Email)));
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/Register", "/Account/Register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "New Person",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.ConfirmPassword"] = password,
        });
}
