using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Monime.Portal.Api;

namespace Monime.Portal.Tokens;

/// <summary>
/// Counts failed authentications per token (wrong secrets) and per client address (any failure) in one-minute
/// windows, and refuses further attempts before any hashing once a count is reached. Guessing a secret is
/// hopeless anyway (131 bits); the point is that a flood cannot buy Argon2id time or database reads.
/// Counters for unknown lookup ids are kept per address only, so random ids cannot grow memory.
/// </summary>
public sealed class SecretFailureThrottle(IMemoryCache cache, TimeProvider clock, IOptions<ApiOptions> options)
{
    public const string TokenLimit = "auth-failures-token";

    public const string AddressLimit = "auth-failures-ip";

    private static readonly TimeSpan s_window = TimeSpan.FromMinutes(1);

    public FailureThrottleDecision Check(string lookupId, string? clientIp)
    {
        var now = clock.GetUtcNow();
        if (Exceeded(new TokenKey(lookupId), options.Value.FailuresPerTokenPerMinute, now, out var retryAfter))
        {
            return new FailureThrottleDecision(false, TokenLimit, retryAfter);
        }

        if (Exceeded(new AddressKey(clientIp ?? ""), options.Value.FailuresPerIpPerMinute, now, out retryAfter))
        {
            return new FailureThrottleDecision(false, AddressLimit, retryAfter);
        }

        return FailureThrottleDecision.Allow;
    }

    /// <summary>Counts a failure against the address and, when the token exists, against the token.</summary>
    public void RecordFailure(string? knownLookupId, string? clientIp)
    {
        var now = clock.GetUtcNow();
        if (knownLookupId is not null)
        {
            Increment(new TokenKey(knownLookupId), now);
        }

        Increment(new AddressKey(clientIp ?? ""), now);
    }

    private bool Exceeded(object key, int limit, DateTimeOffset now, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (!cache.TryGetValue(key, out FailureWindow? window) || window is null)
        {
            return false;
        }

        var end = window.Start + s_window;
        if (now >= end || window.Count < limit)
        {
            return false;
        }

        retryAfter = end - now;
        return true;
    }

    private void Increment(object key, DateTimeOffset now)
    {
        var window = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = s_window;
            return new FailureWindow(now);
        })!;
        if (now >= window.Start + s_window)
        {
            window = new FailureWindow(now);
            cache.Set(key, window, s_window);
        }

        window.Increment();
    }

    private sealed record TokenKey(string LookupId);

    private sealed record AddressKey(string Address);

    private sealed class FailureWindow(DateTimeOffset start)
    {
        private int _count;

        public DateTimeOffset Start { get; } = start;

        public int Count => Volatile.Read(ref _count);

        public void Increment() => Interlocked.Increment(ref _count);
    }
}
