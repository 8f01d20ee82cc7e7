using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Audit;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Monime.Portal.Web.Tests.Api;
using Monime.Portal.Web.Tests.Api.Resources;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// A scripted session of security events: each must leave a record saying who did what, when (UTC) and from
/// where. Page events go to the audit log; API refusals go to the token's request log, since writing an audit
/// row per refused call would let a flood write to the database.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class SecurityEventTests(ResourceApiFactory factory)
{
    [Fact]
    public async Task ScriptedSession_EverySecurityEvent_IsRecordedWithActorTimeAndSource()
    {
        var user = await factory.CreateUserAsync();
        var victim = await factory.CreateUserAsync();
        using var browser = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await browser.SignInAsync(victim.Email, "wrong password");
        }

        await browser.SignInAsync(user);
        var (liveToken, liveId) = await ApiTestTokens.CreateAsync(factory, user, input =>
        {
            input.Permissions = ["payments:read"];
            input.Services = ["payments"];
            input.IpWhitelist = "192.0.2.1";
        });
        var (_, rotatedId) = await ApiTestTokens.CreateAsync(factory, user);
        await factory.WithServicesAsync(async services =>
        {
            var tokens = services.GetRequiredService<TokenService>();
            await tokens.RotateAsync(ApiTestTokens.ActorOf(user), rotatedId, RotationGrace.Now);
            return await tokens.RevokeAsync(ApiTestTokens.ActorOf(user), rotatedId, "scripted");
        });
        using var program = factory.CreatePortalClient();
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", liveToken);
        program.DefaultRequestHeaders.Add("Monime-Space-Id", user.SpaceId);
        using var ipRefused = await program.GetAsync("/v1/payment-codes");
        using var scopeRefused = await program.PostAsync("/v1/customers", null);
        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);

        await using var db = await TestDatabase.OpenAsync();
        var audit = await db.AuditEvents
            .Where(e => e.SubjectUserId == victim.Id || e.SubjectUserId == user.Id || e.TokenId == liveId
                || e.TokenId == rotatedId)
            .ToListAsync();
        var refusals = await db.TokenRequestRecords.Where(r => r.TokenId == liveId && r.Reason != null).ToListAsync();

        Assert.Contains(audit, e => e.Action == AuditActions.SignInFailed && e.SubjectUserId == victim.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.LockedOut && e.SubjectUserId == victim.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.SignedIn && e.ActorId == user.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.TokenCreated && e.TokenId == liveId && e.ActorId == user.Id);
        Assert.Contains(audit, e => e.Action == AuditActions.TokenRotated && e.TokenId == rotatedId);
        Assert.Contains(audit, e => e.Action == AuditActions.TokenRevoked && e.TokenId == rotatedId);
        Assert.All(audit, e =>
        {
            Assert.Equal(TimeSpan.Zero, e.OccurredAt.Offset);
            Assert.False(string.IsNullOrEmpty(e.Ip));
        });
        Assert.Contains(refusals, r => r.Reason == "ip_not_allowed");
        Assert.All(refusals, r => Assert.False(string.IsNullOrEmpty(r.Ip)));
        Assert.Equal(2, refusals.Count);
    }
}
