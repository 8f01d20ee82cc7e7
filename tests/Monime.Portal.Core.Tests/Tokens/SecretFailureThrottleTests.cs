using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monime.Portal.Api;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed class SecretFailureThrottleTests
{
    [Fact]
    public void Check_AfterLimitOfTokenFailures_RefusesUntilTheMinuteEnds()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new SecretFailureThrottle(cache, clock, Options.Create(new ApiOptions
        {
            FailuresPerTokenPerMinute = 3,
            FailuresPerIpPerMinute = 1000,
        }));

        for (var i = 0; i < 3; i++)
        {
            Assert.True(throttle.Check("lookup01", "198.51.100.1").Allowed);
            Assert.True(throttle.TryTakeAttempt("lookup01"));
            throttle.RecordFailure("198.51.100.1");
        }

        var refused = throttle.Check("lookup01", "198.51.100.2");
        var otherToken = throttle.Check("lookup02", "198.51.100.1");
        clock.Advance(TimeSpan.FromSeconds(61));
        var later = throttle.Check("lookup01", "198.51.100.1");

        Assert.False(refused.Allowed);
        Assert.Equal(SecretFailureThrottle.TokenLimit, refused.Limit);
        Assert.InRange(refused.RetryAfter, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        Assert.True(otherToken.Allowed);
        Assert.True(later.Allowed);
    }

    [Fact]
    public void AttemptsSpent_DuringAndAfterTheWindow_RefusesUntilItsEndThenForASecond()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var throttle = new SecretFailureThrottle(cache, clock, Options.Create(new ApiOptions
        {
            FailuresPerTokenPerMinute = 2,
        }));
        throttle.TryTakeAttempt("lookup01");
        throttle.TryTakeAttempt("lookup01");
        clock.Advance(TimeSpan.FromSeconds(20));

        var during = throttle.AttemptsSpent("lookup01");
        clock.Advance(TimeSpan.FromSeconds(50));
        var after = throttle.AttemptsSpent("lookup01");

        Assert.Equal((false, SecretFailureThrottle.TokenLimit, TimeSpan.FromSeconds(40)),
            (during.Allowed, during.Limit, during.RetryAfter));
        Assert.Equal((false, SecretFailureThrottle.TokenLimit, TimeSpan.FromSeconds(1)),
            (after.Allowed, after.Limit, after.RetryAfter));
    }

    [Fact]
    public void Check_AfterLimitOfAddressFailures_RefusesThatAddressOnly()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var throttle = new SecretFailureThrottle(cache, TimeProvider.System, Options.Create(new ApiOptions
        {
            FailuresPerIpPerMinute = 2,
        }));

        throttle.RecordFailure("203.0.113.9");
        throttle.RecordFailure("203.0.113.9");

        Assert.Equal(SecretFailureThrottle.AddressLimit, throttle.Check("anything", "203.0.113.9").Limit);
        Assert.True(throttle.Check("anything", "203.0.113.10").Allowed);
    }

    [Fact]
    public void TryTakeAttempt_ConcurrentGuesses_NoMoreThanTheLimitGetThrough()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var throttle = new SecretFailureThrottle(cache, TimeProvider.System, Options.Create(new ApiOptions
        {
            FailuresPerTokenPerMinute = 10,
        }));

        // Taken before any guess has been judged, as 64 requests arriving together would: only the limit pass.
        var taken = 0;
        Parallel.For(0, 64, _ =>
        {
            if (throttle.TryTakeAttempt("lookup01"))
            {
                Interlocked.Increment(ref taken);
            }
        });

        Assert.Equal(10, taken);
        Assert.False(throttle.Check("lookup01", "198.51.100.1").Allowed);
    }

    [Fact]
    public void ReturnAttempt_RightSecret_DoesNotCountAsAFailure()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var throttle = new SecretFailureThrottle(cache, TimeProvider.System, Options.Create(new ApiOptions
        {
            FailuresPerTokenPerMinute = 2,
        }));

        for (var i = 0; i < 5; i++)
        {
            Assert.True(throttle.TryTakeAttempt("lookup01"));
            throttle.ReturnAttempt("lookup01");
        }

        Assert.True(throttle.Check("lookup01", "198.51.100.1").Allowed);
    }
}
