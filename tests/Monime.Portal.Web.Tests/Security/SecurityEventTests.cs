using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Audit;
using Monime.Portal.Testing;
using Monime.Portal.Usage;
using Monime.Portal.Web.Tests.Api;
using Monime.Portal.Web.Tests.Api.Resources;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// A scripted session of security events, every one driven over HTTP from an address of its own: each must leave a
/// record saying who did what, when (UTC) and from where. Page events go to the audit log; API refusals go to the
/// token's request log, since writing an audit row per refused call would let a flood write to the database.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed partial class SecurityEventTests(ResourceApiFactory factory)
{
    private const string AttackerIp = "203.0.113.66";
    private const string MonimeerIp = "198.51.100.20";
    private const string ProgramIp = "203.0.113.7";
    private const string OtherProgramIp = "203.0.113.8";

    [Fact]
    public async Task ScriptedSession_EveryKindOfSecurityEvent_IsRecordedWithWhoWhatUtcTimeAndSource()
    {
        var user = await factory.CreateUserAsync();
        var victim = await factory.CreateUserAsync();
        var start = DateTimeOffset.UtcNow;

        // Five wrong passwords from one address: four refusals, then the one that locks the account.
        using var attacker = Client(AttackerIp);
        for (var i = 0; i < 5; i++)
        {
            using var _ = await attacker.SignInAsync(victim.Email, "wrong password");
        }

        // A Monimeer signs in, makes three tokens, rotates and revokes one, and opens a page above their role.
        using var browser = Client(MonimeerIp);
        await browser.SignInAsync(user);
        var (ipBoundToken, ipBoundId) = await CreateTokenAsync(browser, "bound to one address", "192.0.2.1");
        var (readOnlyToken, readOnlyId) = await CreateTokenAsync(browser, "read only", "");
        var (_, changedId) = await CreateTokenAsync(browser, "rotated then revoked", "");
        using var rotate = await browser.PostFormAsync($"/Tokens/{changedId}", $"/Tokens/{changedId}?handler=Rotate",
            new Dictionary<string, string> { ["Grace"] = "OneHour" });
        using var revoke = await browser.PostFormAsync($"/Tokens/{changedId}", $"/Tokens/{changedId}?handler=Revoke",
            new Dictionary<string, string> { ["Reason"] = "scripted" });
        using var admin = await browser.GetAsync("/Admin");

        // Programs call the API: one from an address its token does not allow, one beyond its token's permissions.
        using var ipRefused = await Program(ipBoundToken, user.SpaceId, ProgramIp).GetAsync("/v1/payment-codes");
        using var scopeRefused = await Program(readOnlyToken, user.SpaceId, OtherProgramIp)
            .PostAsync("/v1/customers", null);
        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);
        var end = DateTimeOffset.UtcNow;

        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Contains("/Account/AccessDenied", admin.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, ipRefused.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, scopeRefused.StatusCode);

        var records = await RecordsAsync(user, victim, [ipBoundId, readOnlyId]);
        SecurityRecord[] expected =
        [
            new("sign-in failure", AuditActions.SignInFailed, $"account {victim.Id}", default, AttackerIp),
            new("lockout", AuditActions.LockedOut, $"account {victim.Id}", default, AttackerIp),
            new("sign-in", AuditActions.SignedIn, $"user {user.Id}", default, MonimeerIp),
            new("token create", AuditActions.TokenCreated, $"user {user.Id}", default, MonimeerIp),
            new("token rotate", AuditActions.TokenRotated, $"user {user.Id}", default, MonimeerIp),
            new("token revoke", AuditActions.TokenRevoked, $"user {user.Id}", default, MonimeerIp),
            new("portal authz-deny", AuditActions.AccessDenied, $"user {user.Id}", default, MonimeerIp),
            new("API authz-deny", "missing_permission", $"token {readOnlyId}", default, OtherProgramIp),
            new("API IP-deny", "ip_not_allowed", $"token {ipBoundId}", default, ProgramIp),
        ];
        var present = expected.Where(e => records.Any(r => r.What == e.What)).Select(e => e.Kind).ToList();

        Assert.Equal(expected.Select(e => e.Kind), present);
        Assert.All(expected, e =>
        {
            var found = records.Where(r => r.What == e.What).ToList();
            Assert.All(found, r =>
            {
                Assert.Equal(e.Who, r.Who);
                Assert.Equal(e.Source, r.Source);
                Assert.Equal(TimeSpan.Zero, r.When.Offset);
                Assert.InRange(r.When, start.AddSeconds(-1), end.AddSeconds(1));
            });
        });
        Assert.Equal(4, records.Count(r => r.What == AuditActions.SignInFailed));
        Assert.Contains(records, r => r.What == AuditActions.AccessDenied && r.Detail == "/Admin/Index");
        Assert.Contains(records, r => r.What == AuditActions.TokenRevoked && r.Detail == "scripted");
    }

    private HttpClient Client(string ip)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Add(TestPeerAddressStartupFilter.Header, ip);
        return client;
    }

    private HttpClient Program(string token, string spaceId, string ip)
    {
        var client = Client(ip);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Monime-Space-Id", spaceId);
        return client;
    }

    private static async Task<(string Value, Guid Id)> CreateTokenAsync(HttpClient client, string name, string ips)
    {
        using var response = await client.PostFormAsync("/Tokens/Create", "/Tokens/Create",
            [.. TokenCreateForm.Live(name), new("Input.IpWhitelist", ips)]);
        var html = await response.Content.ReadAsStringAsync();
        return (WebUtility.HtmlDecode(TokenValue().Match(html).Groups[1].Value),
            Guid.Parse(DetailsLink().Match(html).Groups[1].Value));
    }

    /// <summary>The audit events of both people and the refusals of the tokens, in one shape.</summary>
    private static async Task<List<SecurityRecord>> RecordsAsync(TestUser user, TestUser victim, Guid[] tokenIds)
    {
        await using var db = await TestDatabase.OpenAsync();
        var audit = await db.AuditEvents.AsNoTracking()
            .Where(e => e.ActorId == user.Id || e.SubjectUserId == user.Id || e.SubjectUserId == victim.Id)
            .ToListAsync();
        var refusals = await db.TokenRequestRecords.AsNoTracking()
            .Where(r => tokenIds.Contains(r.TokenId) && r.Reason != null)
            .ToListAsync();
        return
        [
            .. audit.Select(e => new SecurityRecord(e.Action, e.Action,
                e.ActorId is { } actor ? $"user {actor}" : $"account {e.SubjectUserId}", e.OccurredAt, e.Ip, e.Detail)),
            .. refusals.Select(r => new SecurityRecord(r.Reason!, r.Reason!, $"token {r.TokenId}", r.OccurredAt, r.Ip)),
        ];
    }

    private sealed record SecurityRecord(
        string Kind, string What, string Who, DateTimeOffset When, string? Source, string? Detail = null);

    [GeneratedRegex("id=\"token-value\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("href=\"/Tokens/([0-9a-f-]{36})\"")]
    private static partial Regex DetailsLink();
}
