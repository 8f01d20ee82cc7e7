namespace Monime.Portal.Web.Api;

/// <summary>
/// A request the pipeline will not let through. <see cref="Reason"/> is what the caller reads;
/// <see cref="InternalReason"/> is what usage and logs keep (the same word unless the public one is vaguer).
/// </summary>
public sealed record ApiRefusal(int Status, string Reason, string Message)
{
    public string? InternalReason { get; init; }

    /// <summary>The <c>WWW-Authenticate</c> value, when the refusal is a 401 or 403.</summary>
    public string? Challenge { get; init; }

    /// <summary>The limit that was hit (<c>Monime-Rate-Limit</c>), with <see cref="RetryAfter"/>.</summary>
    public string? RateLimit { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Refused by the failure throttle, before any lookup: the answer is held back a moment.</summary>
    public bool Throttled { get; init; }

    /// <summary>
    /// A token anybody could have made up failed: malformed, unknown or with a wrong secret. Counted against
    /// the instance's failure pressure, and held back like a throttled refusal while that is high.
    /// </summary>
    public bool FailedGuess { get; init; }

    public string LoggedReason => InternalReason ?? Reason;
}
