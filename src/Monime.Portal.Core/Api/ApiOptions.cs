namespace Monime.Portal.Api;

/// <summary>Settings of the bearer-token API, bound from the <c>Api</c> section.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>
    /// How long a verified token, and its owner's role in a Space, are remembered. Revocation, rotation and an
    /// admin's change of the owner's access evict them at once on this instance and, through NOTIFY, on the
    /// others; the lifetime bounds staleness only when a notification is lost (and the listener's reconnect
    /// clears everything then).
    /// </summary>
    public int VerificationCacheSeconds { get; set; } = 30;

    /// <summary>Wrong secrets for one token, per minute, before further attempts are refused unhashed.</summary>
    public int FailuresPerTokenPerMinute { get; set; } = 10;

    /// <summary>Failed authentications from one client address, per minute, before cache misses are refused.</summary>
    public int FailuresPerIpPerMinute { get; set; } = 30;

    /// <summary>
    /// How long the answer to a caller already stopped by the failure throttle is held back, so that a flood slows
    /// itself down. Zero answers at once.
    /// </summary>
    public int ThrottledRefusalDelayMilliseconds { get; set; } = 250;

    /// <summary>
    /// Failed guesses (malformed or unknown tokens, wrong secrets) one instance answers per second, from all
    /// addresses together, before it holds back every further one like a throttled refusal. This is what slows
    /// a flood spread over more addresses than the per-address limit can count.
    /// </summary>
    public int FailuresPerInstancePerSecond { get; set; } = 100;

    /// <summary>Most throttled refusals held back at once; beyond it they are answered without delay.</summary>
    public int MaxHeldRefusals { get; set; } = 1_000;

    /// <summary>Largest request body an API call may carry; bigger ones are answered 413 unread.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public ApiRateLimitOptions RateLimits { get; set; } = new();
}
