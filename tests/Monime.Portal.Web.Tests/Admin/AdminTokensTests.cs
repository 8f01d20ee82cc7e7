using System.Net;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Admin;

[Collection(PortalCollection.Name)]
public sealed class AdminTokensTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Revoke_WithReasonTwice_RevokesOnceAndWritesOneAuditEvent()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var token = await factory.CreateTokenAsync(admin, "leaked token");
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var first = await RevokeAsync(client, token.Id, "Leaked in a public repository");
        using var second = await RevokeAsync(client, token.Id, "Again");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        await using var db = await TestDatabase.OpenAsync();
        var stored = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == token.Id);
        Assert.Equal("Leaked in a public repository", stored.RevocationReason);
        Assert.Equal(admin.Id, stored.RevokedById);
        var revoked = await db.AuditEvents.Where(e => e.TokenId == token.Id && e.Action == AuditActions.TokenRevoked)
            .ToListAsync();
        Assert.Equal("Leaked in a public repository", Assert.Single(revoked).Detail);
    }

    [Fact]
    public async Task Revoke_WithoutReason_LeavesTheTokenActive()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var token = await factory.CreateTokenAsync(admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var response = await RevokeAsync(client, token.Id, "  ");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = await TestDatabase.OpenAsync();
        Assert.Null((await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == token.Id)).RevokedAt);
    }

    [Fact]
    public async Task Revoke_OtherOrganisationsToken_IsNotFoundAndChangesNothing()
    {
        var stranger = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(stranger);
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var response = await RevokeAsync(client, token.Id, "Not mine");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        await using var db = await TestDatabase.OpenAsync();
        Assert.Null((await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == token.Id)).RevokedAt);
    }

    [Fact]
    public async Task List_Search_FindsTokensOfTheOrganisationOnly()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var mine = await factory.CreateTokenAsync(admin, $"findme-{Guid.NewGuid():N}");
        var stranger = await factory.CreateUserAsync();
        var foreign = await factory.CreateTokenAsync(stranger, mine.Name);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        var html = await client.GetStringAsync($"/Admin/Tokens?q={mine.Name}&status=Active");

        Assert.Contains(mine.Id.ToString(), html, StringComparison.Ordinal);
        Assert.Contains(admin.Email, html, StringComparison.Ordinal);
        Assert.DoesNotContain(foreign.Id.ToString(), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_TokenOfADisabledColleague_IsMarkedOwnerDisabled()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var colleague = await factory.CreateUserAsync();
        await using (var db = await TestDatabase.OpenAsync())
        {
            await db.Users.Where(u => u.Id == colleague.Id).ExecuteUpdateAsync(set => set
                .SetProperty(u => u.OrganizationId, admin.OrganizationId)
                .SetProperty(u => u.DisabledAt, DateTimeOffset.UtcNow));
        }

        var theirs = await factory.CreateTokenAsync(colleague with { OrganizationId = admin.OrganizationId });
        var mine = await factory.CreateTokenAsync(admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        var html = await client.GetStringAsync("/Admin/Tokens");

        Assert.Contains("Owner disabled", RowOf(html, theirs.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("Owner disabled", RowOf(html, mine.Id), StringComparison.Ordinal);
    }

    /// <summary>The table row of one token in a list page.</summary>
    private static string RowOf(string html, Guid tokenId)
    {
        var start = html.IndexOf($"data-token-id=\"{tokenId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row for token {tokenId}.");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static Task<HttpResponseMessage> RevokeAsync(HttpClient client, Guid tokenId, string reason) =>
        client.PostFormAsync("/Admin/Tokens", $"/Admin/Tokens?handler=Revoke&id={tokenId}",
            new Dictionary<string, string> { ["reason"] = reason });
}
