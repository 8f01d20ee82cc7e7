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

    private readonly Lock _gate = new();

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

    /// <summary>
    /// Takes one of the token's attempts before its secret is hashed, so that concurrent guesses cannot all pass
    /// <see cref="Check"/> before the first of them has failed: Argon2id runs at most the per-token limit of
    /// times a minute for wrong secrets, however many arrive at once. False when none is left. The attempt counts
    /// as a failure unless <see cref="ReturnAttempt"/> gives it back.
    /// </summary>
    public bool TryTakeAttempt(string lookupId)
    {
        // Counted first and given back when over: a check before the count would let every caller between the
        // two through.
        var window = CurrentWindow(new TokenKey(lookupId), clock.GetUtcNow());
        if (window.Increment() > options.Value.FailuresPerTokenPerMinute)
        {
            window.Decrement();
            return false;
        }

        return true;
    }

    /// <summary>
    /// The refusal for a token whose attempts <see cref="TryTakeAttempt"/> found spent: the token's limit, and the
    /// wait until its window ends (a second, should it have ended in between).
    /// </summary>
    public FailureThrottleDecision AttemptsSpent(string lookupId)
    {
        var now = clock.GetUtcNow();
        var end = cache.TryGetValue(new TokenKey(lookupId), out FailureWindow? window) && window is not null
            ? window.Start + s_window
            : now;
        return new FailureThrottleDecision(false, TokenLimit, end > now ? end - now : TimeSpan.FromSeconds(1));
    }

    /// <summary>Gives back an attempt taken by <see cref="TryTakeAttempt"/> whose secret proved right.</summary>
    public void ReturnAttempt(string lookupId)
    {
        if (cache.TryGetValue(new TokenKey(lookupId), out FailureWindow? window) && window is not null)
        {
            window.Decrement();
        }
    }

    /// <summary>
    /// Counts a failed authentication against the client address. A wrong secret has already been counted against
    /// its token by <see cref="TryTakeAttempt"/>.
    /// </summary>
    public void RecordFailure(string? clientIp) =>
        CurrentWindow(new AddressKey(clientIp ?? ""), clock.GetUtcNow()).Increment();

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

    /// <summary>
    /// The key's window, a fresh one when there is none or it has ended. Under a lock, because the cache's
    /// get-or-create is not atomic: two callers could each make a window and one's counts would be lost. Only
    /// failures and attempts come here, never a call whose secret is remembered.
    /// </summary>
    private FailureWindow CurrentWindow(object key, DateTimeOffset now)
    {
        if (cache.TryGetValue(key, out FailureWindow? found) && found is not null && now < found.Start + s_window)
        {
            return found;
        }

        lock (_gate)
        {
            if (!cache.TryGetValue(key, out FailureWindow? window) || window is null || now >= window.Start + s_window)
            {
                window = new FailureWindow(now);
                cache.Set(key, window, s_window);
            }

            return window;
        }
    }

    private sealed record TokenKey(string LookupId);

    private sealed record AddressKey(string Address);

    private sealed class FailureWindow(DateTimeOffset start)
    {
        private int _count;

        public DateTimeOffset Start { get; } = start;

        public int Count => Volatile.Read(ref _count);

        public int Increment() => Interlocked.Increment(ref _count);

        public void Decrement() => Interlocked.Decrement(ref _count);
    }
}
