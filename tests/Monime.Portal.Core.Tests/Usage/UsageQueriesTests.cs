using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Core.Tests.Usage;

public sealed class UsageQueriesTests(PortalAppFactory factory) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task ForTokenAsync_CallsRecordedAndFlushed_CountsEqualTheCallsGroupedByEndpointAndStatus()
    {
        var owner = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(owner);
        var now = DateTimeOffset.UtcNow;
        var calls = new List<ApiCall>();
        for (var i = 0; i < 120; i++)
        {
            calls.Add(UsageSeed.Call(token.Id, now.AddMinutes(-i), status: 200, endpoint: "GET /v1/payments"));
        }

        for (var i = 0; i < 30; i++)
        {
            calls.Add(UsageSeed.Call(token.Id, now.AddMinutes(-i), status: 404, endpoint: "GET /v1/payments/{id}"));
        }

        calls.Add(UsageSeed.Call(token.Id, now, status: 403, endpoint: "POST /v1/payouts", reason: "ip_not_allowed"));
        calls.Add(UsageSeed.Call(token.Id, now, status: 500, endpoint: "POST /v1/payouts"));

        await factory.RecordAsync(calls);
        var usage = await QueryAsync(Actor(owner),
            q => q.ForTokenAsync(Actor(owner), token.Id, UsagePeriod.Last24Hours));

        Assert.NotNull(usage);
        Assert.Equal(152, usage.Calls);
        Assert.Equal(32, usage.Errors);
        Assert.Equal(152, usage.Series.Sum(p => p.Calls));
        Assert.Equal(24, usage.Series.Count);
        Assert.Equal(new EndpointUsage("GET /v1/payments", 120, 0), usage.Endpoints[0]);
        Assert.Equal(new EndpointUsage("GET /v1/payments/{id}", 30, 30), usage.Endpoints[1]);
        Assert.Equal(new EndpointUsage("POST /v1/payouts", 2, 2), usage.Endpoints[2]);
        Assert.Equal([new("2xx", 120), new("4xx", 31), new StatusClassUsage("5xx", 1)], usage.StatusClasses);
        Assert.Equal(50, usage.RecentRequests.Count);
        var refusal = Assert.Single(usage.RecentRefusals);
        Assert.Equal("ip_not_allowed", refusal.Reason);
        Assert.Equal("203.0.113.5", usage.LastUsedIp);
    }

    [Fact]
    public async Task ForTokenAsync_PeriodFilter_LeavesOutCallsBeforeThePeriod()
    {
        var owner = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(owner);
        var now = DateTimeOffset.UtcNow;

        await factory.RecordAsync(
        [
            UsageSeed.Call(token.Id, now), UsageSeed.Call(token.Id, now.AddDays(-3)),
            UsageSeed.Call(token.Id, now.AddDays(-3)), UsageSeed.Call(token.Id, now.AddDays(-20)),
            UsageSeed.Call(token.Id, now.AddDays(-45)),
        ]);

        var actor = Actor(owner);
        var day = await QueryAsync(actor, q => q.ForTokenAsync(actor, token.Id, UsagePeriod.Last24Hours));
        var week = await QueryAsync(actor, q => q.ForTokenAsync(actor, token.Id, UsagePeriod.Last7Days));
        var month = await QueryAsync(actor, q => q.ForTokenAsync(actor, token.Id, UsagePeriod.Last30Days));

        Assert.Equal(1, day!.Calls);
        Assert.Equal(3, week!.Calls);
        Assert.Equal(7, week.Series.Count);
        Assert.Equal(2, week.Series[^4].Calls);
        Assert.Equal(4, month!.Calls);
        Assert.Equal(30, month.Series.Count);
    }

    [Fact]
    public async Task ForTokenAsync_ActorOutsideOwnerOrOrganisation_ReturnsNull()
    {
        var owner = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(owner);
        var otherDeveloper = await factory.CreateUserAsync();
        var otherOps = await factory.CreateUserAsync(PortalRoles.Ops);
        var sameOrgOps = Actor(owner) with { UserId = "someone-else", IsOps = true };
        var sameOrgDeveloper = Actor(owner) with { UserId = "someone-else" };

        var seenByOtherDeveloper = await QueryAsync(Actor(otherDeveloper),
            q => q.ForTokenAsync(Actor(otherDeveloper), token.Id, UsagePeriod.Last7Days));
        var seenByOtherOps = await QueryAsync(Actor(otherOps, ops: true),
            q => q.ForTokenAsync(Actor(otherOps, ops: true), token.Id, UsagePeriod.Last7Days));
        var seenBySameOrgDeveloper = await QueryAsync(sameOrgDeveloper,
            q => q.ForTokenAsync(sameOrgDeveloper, token.Id, UsagePeriod.Last7Days));
        var seenBySameOrgOps = await QueryAsync(sameOrgOps,
            q => q.ForTokenAsync(sameOrgOps, token.Id, UsagePeriod.Last7Days));

        Assert.Null(seenByOtherDeveloper);
        Assert.Null(seenByOtherOps);
        Assert.Null(seenBySameOrgDeveloper);
        Assert.NotNull(seenBySameOrgOps);
    }

    [Fact]
    public async Task ForOrganizationAsync_ManyTokens_TotalsTopListsAndNeverUsedAreExact()
    {
        var owner = await factory.CreateUserAsync();
        var busy = await factory.CreateTokenAsync(owner, "busy");
        var failing = await factory.CreateTokenAsync(owner, "failing", TokenMode.Test);
        var idle = await factory.CreateTokenAsync(owner, "idle");
        var spaced = await factory.CreateTokenAsync(owner, "spaced", whitelistedSpaceId: owner.SpaceId);
        var now = DateTimeOffset.UtcNow;

        await factory.RecordAsync(
        [
            .. Enumerable.Range(0, 40).Select(i => UsageSeed.Call(busy.Id, now.AddHours(-i % 5))),
            .. Enumerable.Range(0, 10).Select(_ => UsageSeed.Call(failing.Id, now, status: 500)),
            .. Enumerable.Range(0, 5).Select(_ => UsageSeed.Call(failing.Id, now)),
            UsageSeed.Call(spaced.Id, now),
        ]);
        var ops = Actor(owner, ops: true) with { UserId = "ops-user" };

        var all = await QueryAsync(ops, q => q.ForOrganizationAsync(ops, new UsageFilter(UsagePeriod.Last24Hours)));
        var live = await QueryAsync(ops, q => q.ForOrganizationAsync(ops, new UsageFilter(Mode: TokenMode.Live)));
        var space = await QueryAsync(ops, q => q.ForOrganizationAsync(ops, new UsageFilter(SpaceId: owner.SpaceId)));

        Assert.Equal(56, all.Calls);
        Assert.Equal(10, all.Errors);
        Assert.Equal(3, all.ActiveTokens);
        Assert.Equal(4, all.Tokens);
        Assert.Equal(56, all.Series.Sum(p => p.Calls));
        Assert.Equal([busy.Id, failing.Id, spaced.Id], all.TopByCalls.Select(t => t.TokenId));
        Assert.Equal(failing.Id, Assert.Single(all.TopByErrors).TokenId);
        Assert.Equal(idle.Id, Assert.Single(all.NeverUsed).TokenId);
        Assert.Equal(41, live.Calls);
        Assert.Equal(1, space.Calls);
        Assert.Equal(spaced.Id, Assert.Single(space.TopByCalls).TokenId);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    [InlineData("ordinary", "ordinary")]
    public void Cell_FormulaOrSeparator_IsNeutralisedAndQuoted(string value, string expected) =>
        Assert.Equal(expected, UsageCsv.Cell(value));

    private static PortalActor Actor(TestUser user, bool ops = false) =>
        new(user.Id, user.OrganizationId, IsAdmin: false, IsOps: ops, "127.0.0.1");

    private Task<T> QueryAsync<T>(PortalActor actor, Func<UsageQueries, Task<T>> query) =>
        factory.WithServicesAsync(services => query(services.GetRequiredService<UsageQueries>()));
}
