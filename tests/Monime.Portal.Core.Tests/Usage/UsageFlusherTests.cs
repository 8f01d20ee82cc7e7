using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Core.Tests.Usage;

public sealed class UsageFlusherTests(PortalAppFactory factory) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Flush_ThousandsOfCallsOverManyTokens_StoresExactCounts()
    {
        var tokenIds = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();
        var now = DateTimeOffset.UtcNow;

        for (var i = 0; i < 5_000; i++)
        {
            buffer.Record(Call(tokenIds[i % tokenIds.Count], now, status: i % 10 == 0 ? 403 : 200));
        }

        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);

        var stored = await CountsAsync(tokenIds);
        Assert.Equal(5_000, stored.Sum(b => b.Calls));
        Assert.Equal(500, stored.Where(b => b.StatusCode == 403).Sum(b => b.Calls));
        Assert.All(tokenIds, id => Assert.Equal(250, stored.Where(b => b.TokenId == id).Sum(b => b.Calls)));
    }

    [Fact]
    public async Task Flush_FirstCallFromAnotherAddress_FlagsTokenAndAuditsOnce()
    {
        var token = await CreateTokenAsync();
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();
        var flusher = factory.Services.GetRequiredService<UsageFlusher>();
        var now = DateTimeOffset.UtcNow;

        buffer.Record(Call(token.Id, now, ip: "203.0.113.10"));
        await flusher.FlushAsync(CancellationToken.None);
        var afterFirst = await ReloadAsync(token.Id);
        buffer.Record(Call(token.Id, now.AddSeconds(1), ip: "198.51.100.7"));
        buffer.Record(Call(token.Id, now.AddSeconds(2), ip: "198.51.100.7"));
        await flusher.FlushAsync(CancellationToken.None);
        var afterSecond = await ReloadAsync(token.Id);

        Assert.Null(afterFirst.NewIpSeenAt);
        Assert.NotNull(afterSecond.NewIpSeenAt);
        Assert.Equal("198.51.100.7", afterSecond.LastUsedIp);
        Assert.Equal(["198.51.100.7", "203.0.113.10"], afterSecond.RecentIps);
        var alerts = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AuditEvents.Where(e => e.TokenId == token.Id && e.Action == AuditActions.TokenNewIp).ToListAsync());
        Assert.Equal("198.51.100.7", Assert.Single(alerts).Ip);
    }

    [Fact]
    public async Task Flush_ManyAddresses_KeepsTheFiveNewestDistinct()
    {
        var token = await CreateTokenAsync();
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();
        var now = DateTimeOffset.UtcNow;

        for (var i = 1; i <= 7; i++)
        {
            buffer.Record(Call(token.Id, now.AddSeconds(i), ip: $"192.0.2.{i}"));
        }

        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);

        var stored = await ReloadAsync(token.Id);
        Assert.Equal(["192.0.2.7", "192.0.2.6", "192.0.2.5", "192.0.2.4", "192.0.2.3"], stored.RecentIps);
        Assert.Equal(now.AddSeconds(7).ToUnixTimeMilliseconds(), stored.LastUsedAt!.Value.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task Flush_WrongSecretCalls_AreCountedButMoveNoLastUse()
    {
        var token = await CreateTokenAsync();
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();

        buffer.Record(Call(token.Id, DateTimeOffset.UtcNow, status: 401, ip: "192.0.2.99"));
        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);

        var stored = await ReloadAsync(token.Id);
        Assert.Null(stored.LastUsedAt);
        Assert.Empty(stored.RecentIps);
        Assert.Equal(1, (await CountsAsync([token.Id])).Sum(b => b.Calls));
    }

    [Fact]
    public async Task FlushAsync_WhileAnotherFlushIsWriting_ReturnsOnlyOnceThatBatchIsStored()
    {
        // The host stops a hosted service from two places at once, and tests flush while the periodic flush
        // runs: a flush that finds the buffer empty must still wait for the write in progress.
        var tokenId = Guid.NewGuid();
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();
        var flusher = factory.Services.GetRequiredService<UsageFlusher>();
        for (var i = 0; i < 300; i++)
        {
            buffer.Record(Call(tokenId, DateTimeOffset.UtcNow));
        }

        var writing = flusher.FlushAsync(CancellationToken.None);
        var second = flusher.FlushAsync(CancellationToken.None);
        await Task.WhenAny(writing, second);

        Assert.Equal(300, (await CountsAsync([tokenId])).Sum(b => b.Calls));
        await Task.WhenAll(writing, second);
    }

    [Fact]
    public async Task StopAsync_WithCallsStillBuffered_FlushesThemBeforeExit()
    {
        var tokenId = Guid.NewGuid();
        var host = new PortalAppFactory();
        await host.InitializeAsync();
        var buffer = host.Services.GetRequiredService<UsageBuffer>();

        for (var i = 0; i < 300; i++)
        {
            buffer.Record(Call(tokenId, DateTimeOffset.UtcNow));
        }

        await host.DisposeAsync();

        Assert.Equal(300, (await CountsAsync([tokenId])).Sum(b => b.Calls));
    }

    [Fact]
    public async Task Revoke_AfterAUsageFlushTouchedTheRow_StillRevokes()
    {
        var token = await CreateTokenAsync();
        var owner = await ReloadAsync(token.Id);
        var actor = new PortalActor(owner.OwnerId, owner.OrganizationId, IsAdmin: false, IsOps: false, "127.0.0.1");

        var result = await factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            await db.AccessTokens.SingleAsync(t => t.Id == token.Id);
            factory.Services.GetRequiredService<UsageBuffer>().Record(Call(token.Id, DateTimeOffset.UtcNow));
            await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);
            return await services.GetRequiredService<TokenService>().RevokeAsync(actor, token.Id, "compromised");
        });

        Assert.Equal(TokenChangeResult.Changed, result);
        Assert.NotNull((await ReloadAsync(token.Id)).RevokedAt);
    }

    private static ApiCall Call(Guid tokenId, DateTimeOffset at, int status = 200, string ip = "127.0.0.1") =>
        new(tokenId, at, "GET", "GET /v1/payments", status, ip, 3, Guid.NewGuid().ToString("N"));

    private static async Task<List<TokenUsageBucket>> CountsAsync(IReadOnlyCollection<Guid> tokenIds)
    {
        await using var db = await TestDatabase.OpenAsync();
        return await db.TokenUsageBuckets.Where(b => tokenIds.Contains(b.TokenId)).ToListAsync();
    }

    private static async Task<AccessToken> ReloadAsync(Guid tokenId)
    {
        await using var db = await TestDatabase.OpenAsync();
        return await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId);
    }

    private async Task<AccessToken> CreateTokenAsync()
    {
        var user = await factory.CreateUserAsync();
        var actor = new PortalActor(user.Id, user.OrganizationId, IsAdmin: false, IsOps: false, "127.0.0.1");
        return await factory.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<TokenService>().CreateAsync(actor, new CreateTokenInput
            {
                Name = "usage test",
                Mode = TokenMode.Live,
                Expiry = TokenExpiry.OneYear,
                Permissions = ["payments:read"],
            });
            return Assert.IsType<CreateTokenResult.Created>(result).Token;
        });
    }
}
