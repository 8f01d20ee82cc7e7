namespace Monime.Portal.Tokens;

/// <summary>Whether a cache miss may go on to the database and Argon2id, and if not which limit said no.</summary>
public sealed record FailureThrottleDecision(bool Allowed, string? Limit, TimeSpan RetryAfter)
{
    public static FailureThrottleDecision Allow { get; } = new(true, null, TimeSpan.Zero);
}
