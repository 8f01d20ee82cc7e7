using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Monime.Portal.Web.Api;
using Monime.Portal.Web.Tests.Api;

namespace Monime.Portal.Web.Tests.Tokens;

[Collection(PortalCollection.Name)]
public sealed class LeastPrivilegeTests(PortalAppFactory factory)
{
    [Fact]
    public async Task PermissionUsage_SuccessfulRefusedAndOldCalls_CountsOnlyRecentSuccesses()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        var now = DateTimeOffset.UtcNow;
        await factory.RecordAsync(
        [
            UsageSeed.Call(id, now.AddMinutes(-5), 200, Endpoint("GET /v1/payments")),
            UsageSeed.Call(id, now.AddMinutes(-5), 403, EndpointNeeding("payments:write"),
                reason: "role_lacks_permission"),
            UsageSeed.Call(id, now.AddDays(-31), 200, Endpoint("GET /v1/analytics/summary")),
        ]);

        var usage = await factory.WithServicesAsync(async services =>
        {
            var token = await services.GetRequiredService<PortalDbContext>().AccessTokens.SingleAsync(t => t.Id == id);
            return await services.GetRequiredService<UsageQueries>().PermissionUsageAsync(token,
                services.GetRequiredService<ApiEndpointCatalog>().PermissionByEndpoint);
        });

        Assert.Equal(["payments:read"], usage.Used);
        Assert.Equal(["analytics:read", "payments:write"], usage.Unused);
        Assert.True(usage.CanNarrow);
    }

    [Fact]
    public async Task Details_TokenUsingLessThanGranted_OffersTheNarrowerReplacement()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        await factory.RecordAsync([UsageSeed.Call(id, DateTimeOffset.UtcNow, 200, Endpoint("GET /v1/payments"))]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync($"/Tokens/{id}");

        Assert.Contains("Replace it with a token holding only:", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Keep\" value=\"payments:read\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Keep\" value=\"payments:write\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Details_NoSuccessfulCalls_OffersNothing()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync($"/Tokens/{id}");

        Assert.DoesNotContain("Replace it with a token holding only:", html, StringComparison.Ordinal);
        Assert.Contains("nothing shows what to keep", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Narrow_Posted_ReplacementHoldsOnlyUsedPermissionsAndOldIsInGrace()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        using var response = await client.PostFormAsync($"/Tokens/{id}", $"/Tokens/{id}?handler=Narrow",
            [new("Keep", "payments:read"), new("Grace", "OneHour")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Matches("mon_[0-9A-Za-z]{31}", html);
        var (old, replacement) = await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var before = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == id);
            var after = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == before.ReplacedById);
            return (before, after);
        });
        Assert.Equal(["payments:read"], replacement.Permissions);
        Assert.True(old.IsInGracePeriod(DateTimeOffset.UtcNow));
        Assert.InRange(old.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddHours(1));
    }

    [Fact]
    public async Task Narrow_KeepingAPermissionTheTokenNeverHeld_IsRefused()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        using var response = await client.PostFormAsync($"/Tokens/{id}", $"/Tokens/{id}?handler=Narrow",
            [new("Keep", "payouts:write"), new("Grace", "OneHour")]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("only keep permissions the token already holds", html, StringComparison.Ordinal);
        var replaced = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.Where(t => t.Id == id).Select(t => t.ReplacedById).SingleAsync());
        Assert.Null(replaced);
    }

    [Fact]
    public async Task Details_TokenInGrace_ShowsCallsSinceRotationAndSuggestsEndingOnceQuiet()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RotateAsync(ApiTestTokens.ActorOf(user), id, RotationGrace.SevenDays));
        var now = DateTimeOffset.UtcNow;

        // Back-date the rotation so that calls can arrive after it and then stop.
        await ApiTestTokens.ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.RotatedAt, now.AddMinutes(-30))));
        await factory.RecordAsync(
        [
            UsageSeed.Call(id, now.AddMinutes(-20), 200, Endpoint("GET /v1/payments")),
            UsageSeed.Call(id, now.AddMinutes(-10), 200, Endpoint("GET /v1/payments")),
        ]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var patient = await client.GetStringAsync($"/Tokens/{id}?quiet=60");
        var eager = await client.GetStringAsync($"/Tokens/{id}?quiet=5");

        Assert.Contains("<dd class=\"grace-calls\">2</dd>", patient, StringComparison.Ordinal);
        Assert.DoesNotContain("It has gone quiet", patient, StringComparison.Ordinal);
        Assert.Contains("It has gone quiet", eager, StringComparison.Ordinal);
    }

    private string EndpointNeeding(string permission) =>
        factory.Services.GetRequiredService<ApiEndpointCatalog>().All
            .First(endpoint => endpoint.Permission == permission).Name;

    private string Endpoint(string name) =>
        factory.Services.GetRequiredService<ApiEndpointCatalog>().All
            .Select(endpoint => endpoint.Name)
            .First(candidate => candidate.TrimEnd('/') == name);
}
