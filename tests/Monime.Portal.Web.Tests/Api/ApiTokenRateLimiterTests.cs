using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monime.Portal.Api;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api;

public sealed class ApiTokenRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void TryAcquire_PastTheLimit_RefusesUntilTheSecondIsOver()
    {
        using var limiter = Limiter(live: 3);
        var token = Token(TokenMode.Live);

        var first = Enumerable.Range(0, 4).Select(_ => limiter.TryAcquire(token)).ToList();
        _clock.Advance(TimeSpan.FromMilliseconds(400));
        var stillRefused = limiter.TryAcquire(token);
        _clock.Advance(TimeSpan.FromMilliseconds(600));
        var afterTheSecond = limiter.TryAcquire(token);

        Assert.Equal([true, true, true, false], first.Select(refusal => refusal is null));
        Assert.Equal(TimeSpan.FromSeconds(1), first[3]!.RetryAfter);
        Assert.Equal(ApiTokenRateLimiter.LiveLimit, first[3]!.RateLimit);
        Assert.Equal(429, first[3]!.Status);
        Assert.Equal(TimeSpan.FromMilliseconds(600), stillRefused!.RetryAfter);
        Assert.Null(afterTheSecond);
    }

    [Fact]
    public void TryAcquire_TestToken_UsesTheTestLimitAndEachTokenItsOwnWindow()
    {
        using var limiter = Limiter(live: 5, test: 2);
        var test = Token(TokenMode.Test);
        var other = Token(TokenMode.Test);

        var allowed = Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire(test) is null);
        var otherAllowed = Enumerable.Range(0, 5).Count(_ => limiter.TryAcquire(other) is null);

        Assert.Equal(2, allowed);
        Assert.Equal(2, otherAllowed);
        Assert.Equal(ApiTokenRateLimiter.TestLimit, limiter.TryAcquire(test)!.RateLimit);
    }

    [Fact]
    public async Task TryAcquire_ManyThreadsAtOnce_LetThroughExactlyTheLimit()
    {
        using var limiter = Limiter(live: 100);
        var token = Token(TokenMode.Live);
        using var start = new Barrier(8);

        var allowed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return Enumerable.Range(0, 1_000).Count(_ => limiter.TryAcquire(token) is null);
        })));

        Assert.Equal(100, allowed.Sum());
    }

    [Fact]
    public void Sweep_TokenIdleForTenSeconds_IsForgottenAndStartsAFreshWindow()
    {
        using var limiter = Limiter(live: 1);
        var idle = Token(TokenMode.Live);
        var busy = Token(TokenMode.Live);
        limiter.TryAcquire(idle);

        for (var i = 0; i < 20; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            limiter.TryAcquire(busy);
        }

        Assert.Equal(1, limiter.TrackedTokens);
        Assert.Null(limiter.TryAcquire(idle));
        Assert.NotNull(limiter.TryAcquire(idle));
    }

    private ApiTokenRateLimiter Limiter(int live, int test = 5)
    {
        var limits = new ApiRateLimitOptions { LivePerSecond = live, TestPerSecond = test };
        return new ApiTokenRateLimiter(Options.Create(new ApiOptions { RateLimits = limits }), _clock);
    }

    private static VerifiedToken Token(TokenMode mode) => new(
        Guid.CreateVersion7(), "lookup1", mode, "owner", Guid.CreateVersion7(), ApiReleases.Latest, null, null, null,
        [], new HashSet<string>(), DateTimeOffset.UnixEpoch);
}
