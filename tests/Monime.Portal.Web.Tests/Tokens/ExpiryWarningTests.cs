using Microsoft.EntityFrameworkCore;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api;

namespace Monime.Portal.Web.Tests.Tokens;

[Collection(PortalCollection.Name)]
public sealed class ExpiryWarningTests(PortalAppFactory factory)
{
    [Fact]
    public async Task List_TokenExpiringWithinAWeek_IsFlaggedWithDaysLeft()
    {
        var user = await factory.CreateUserAsync();
        var soon = await factory.CreateTokenAsync(user, "Soon gone");
        await factory.CreateTokenAsync(user, "Long lived");
        await ExpireInAsync(soon.Id, TimeSpan.FromDays(3).Subtract(TimeSpan.FromHours(1)));
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync("/Tokens");

        Assert.Contains("expires in 3 days", html, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-expiring"));
    }

    [Fact]
    public async Task Dashboard_OwnTokenExpiringWithinAWeek_IsListedUnderExpiringSoon()
    {
        var user = await factory.CreateUserAsync();
        var soon = await factory.CreateTokenAsync(user, "Nightly export");
        await ExpireInAsync(soon.Id, TimeSpan.FromHours(20));
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync("/Developer");

        Assert.Contains("Expiring soon", html, StringComparison.Ordinal);
        Assert.Contains("Nightly export", html, StringComparison.Ordinal);
        Assert.Contains("expires in 1 day", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_NothingExpiring_ShowsNoPanel()
    {
        var user = await factory.CreateUserAsync();
        await factory.CreateTokenAsync(user, "Long lived");
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync("/Developer");

        Assert.DoesNotContain("Expiring soon", html, StringComparison.Ordinal);
    }

    private Task ExpireInAsync(Guid id, TimeSpan left) =>
        ApiTestTokens.ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow + left)));
}
