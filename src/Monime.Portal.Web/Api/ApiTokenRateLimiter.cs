using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Monime.Portal.Api;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Calls per second per token, one fixed window per token, sized by mode. Refusals are answered 429 by the
/// pipeline, never 503 (the framework's rate-limiting middleware defaults to 503, which clients read as an outage).
/// </summary>
/// <remarks>
/// Written here rather than taken from System.Threading.RateLimiting, which the API used at first: its
/// partitioned limiter takes a global lock and allocates a partition on every call before the token's own
/// limiter takes its lock, a visible share of a cached call's cost. Here a call is one lock-free lookup and one
/// short lock on its own token's window. Windows idle for <see cref="s_idleLifetime"/> are swept, so the table
/// holds only tokens in use. A call that races the sweep of its token's idle window may be counted in the window
/// being dropped while the next call opens a new one, so a token back from that long an idle spell can make up to
/// twice its limit in its first second.
/// </remarks>
public sealed class ApiTokenRateLimiter : IDisposable
{
    public const string LiveLimit = "token-live-per-second";

    public const string TestLimit = "token-test-per-second";

    private static readonly TimeSpan s_idleLifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<Guid, Window> _windows = new();
    private readonly ApiRateLimitOptions _limits;
    private readonly TimeProvider _clock;
    private readonly ITimer _sweep;

    public ApiTokenRateLimiter(IOptions<ApiOptions> options, TimeProvider clock)
    {
        _limits = options.Value.RateLimits;
        _clock = clock;
        _sweep = clock.CreateTimer(_ => Sweep(), null, s_idleLifetime, s_idleLifetime);
    }

    /// <summary>How many tokens have a window: the tokens that called within the last sweep or two.</summary>
    internal int TrackedTokens => _windows.Count;

    /// <summary>Null when the call may go on; otherwise the refusal to answer.</summary>
    public ApiRefusal? TryAcquire(VerifiedToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var live = token.Mode == TokenMode.Live;
        var limit = Math.Max(1, live ? _limits.LivePerSecond : _limits.TestPerSecond);
        var window = _windows.GetOrAdd(token.Id, static _ => new Window());
        if (window.TryTake(_clock.GetTimestamp(), _clock.TimestampFrequency, limit, out var retryAfter))
        {
            return null;
        }

        return new ApiRefusal(StatusCodes.Status429TooManyRequests, ApiReasons.RateLimited,
            "This token made too many calls; wait before calling again.")
        {
            RateLimit = live ? LiveLimit : TestLimit,
            RetryAfter = retryAfter,
        };
    }

    public void Dispose() => _sweep.Dispose();

    private void Sweep()
    {
        var idle = (long)(s_idleLifetime.TotalSeconds * _clock.TimestampFrequency);
        var now = _clock.GetTimestamp();
        foreach (var (tokenId, window) in _windows)
        {
            if (window.IdleFor(now) >= idle)
            {
                _windows.TryRemove(KeyValuePair.Create(tokenId, window));
            }
        }
    }

    /// <summary>One token's current second: when it began, and how many calls it has let through.</summary>
    private sealed class Window
    {
        private readonly Lock _gate = new();
        private long _start = long.MinValue;
        private long _lastCall;
        private int _taken;

        /// <summary>Takes one call from the window, opening a new one a second after this one opened.</summary>
        public bool TryTake(long now, long second, int limit, out TimeSpan retryAfter)
        {
            lock (_gate)
            {
                _lastCall = now;
                if (_start == long.MinValue || now - _start >= second)
                {
                    (_start, _taken) = (now, 0);
                }

                if (_taken < limit)
                {
                    _taken++;
                    retryAfter = TimeSpan.Zero;
                    return true;
                }

                retryAfter = TimeSpan.FromSeconds((double)(_start + second - now) / second);
                return false;
            }
        }

        public long IdleFor(long now)
        {
            lock (_gate)
            {
                return now - _lastCall;
            }
        }
    }
}
