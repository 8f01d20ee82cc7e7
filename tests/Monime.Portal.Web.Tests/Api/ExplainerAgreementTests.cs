using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>The refusal explainer and the real API, given the same token, Space, endpoint and address, agree.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class ExplainerAgreementTests(ApiAppFactory factory)
{
    [Theory]
    [InlineData("allowed")]
    [InlineData("missing-permission")]
    [InlineData("role")]
    [InlineData("not-member")]
    [InlineData("space-whitelist")]
    [InlineData("ip")]
    [InlineData("revoked")]
    public async Task Explain_SameInputsAsARealCall_NamesTheReasonTheApiGave(string scenario)
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user, input =>
        {
            input.Permissions = scenario == "missing-permission"
                ? ["payments:read"]
                : ["payments:read", "payments:write"];
            input.WhitelistedSpaceId = scenario == "space-whitelist" ? user.SpaceId : null;
            input.IpWhitelist = scenario == "ip" ? "198.51.100.0/24" : null;
        });
        if (scenario == "role")
        {
            await SetRoleAsync(factory, user, SpaceRole.Viewer);
        }

        if (scenario == "revoked")
        {
            await ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, DateTimeOffset.UtcNow)));
        }

        var space = scenario is "not-member" or "space-whitelist" ? other.SpaceId : user.SpaceId;
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var api = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Post, "/v1/test/payments", token, space, peer: "203.0.113.7"));
        var html = WebUtility.HtmlDecode(await client.GetStringAsync(
            $"/Tokens/{id}/Explain?Space={space}&Endpoint={Uri.EscapeDataString("POST /v1/test/payments")}"
            + "&Ip=203.0.113.7"));

        var explained = FirstFailure().Match(html) is { Success: true } match ? match.Groups[1].Value : null;
        Assert.Equal(api.Reason, explained);
        Assert.Equal(api.Reason is null, html.Contains("Every check passes", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"Refused at <strong>[^<]+</strong>\s*\(<code>([a-z_]+)</code>\)")]
    private static partial Regex FirstFailure();
}
