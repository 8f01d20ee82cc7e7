using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Tokens;

[Collection(PortalCollection.Name)]
public sealed class ExplainPageTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Explain_EndpointNeedingAPermissionTheTokenLacks_FailsThereWithAdvice()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(
            ExplainUrl(token.Id, user.SpaceId, "POST /v1/customers", "203.0.113.7")));

        Assert.Contains("Refused at <strong>Token permission</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Add customers:write to the token", html, StringComparison.Ordinal);
        Assert.Matches("explain-first\"\\s+data-check=\"Token permission\"", html);
    }

    [Fact]
    public async Task Explain_AddressOutsideTheWhitelist_AdvisesAddingIt()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        await SetIpWhitelistAsync(token.Id, "198.51.100.0/24");
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync(
            ExplainUrl(token.Id, user.SpaceId, "GET /v1/payments", "203.0.113.7")));

        Assert.Contains("Refused at <strong>IP whitelist</strong>", html, StringComparison.Ordinal);
        Assert.Contains("Add 203.0.113.7 to the IP whitelist", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_EverythingRight_SaysTheCallWouldBeAllowed()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync(ExplainUrl(token.Id, user.SpaceId, "GET /v1/payments", ""));

        Assert.Contains("Every check passes", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_SomeoneElsesToken_Returns404()
    {
        var owner = await factory.CreateUserAsync();
        var stranger = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(owner);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(stranger);

        var response = await client.GetAsync($"/Tokens/{token.Id}/Explain");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Details_WithARecordedRefusal_LinksToTheExplainerPrefilled()
    {
        var user = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(user);
        var refused = UsageSeed.Call(token.Id, DateTimeOffset.UtcNow, 403, "POST /v1/customers", "203.0.113.9",
            "missing_permission");
        var call = refused with { SpaceId = user.SpaceId };
        await factory.RecordAsync([call]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/Tokens/{token.Id}"));

        Assert.Contains(
            $"/Tokens/{token.Id}/Explain?space={user.SpaceId}&endpoint=POST%20%2Fv1%2Fcustomers&ip=203.0.113.9"
            + "&reason=missing_permission",
            html, StringComparison.Ordinal);
    }

    private string ExplainUrl(Guid tokenId, string spaceId, string endpoint, string ip) =>
        $"/Tokens/{tokenId}/Explain?Space={spaceId}&Endpoint={Uri.EscapeDataString(Endpoint(endpoint))}&Ip={ip}";

    /// <summary>The catalog names an endpoint exactly as routing spells its template.</summary>
    private string Endpoint(string name) =>
        factory.Services.GetRequiredService<Web.Api.ApiEndpointCatalog>().All
            .Select(endpoint => endpoint.Name)
            .First(candidate => candidate.TrimEnd('/') == name);

    private Task<bool> SetIpWhitelistAsync(Guid tokenId, string entry) =>
        factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            var stored = await db.AccessTokens.SingleAsync(t => t.Id == tokenId);
            stored.IpWhitelist = [entry];
            await db.SaveChangesAsync();
            return true;
        });
}
