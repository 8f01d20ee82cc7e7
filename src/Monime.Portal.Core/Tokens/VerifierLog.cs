using Microsoft.Extensions.Logging;

namespace Monime.Portal.Tokens;

/// <summary>Token verification events, ids 3100-3149. Tokens appear by id, never by secret.</summary>
internal static partial class VerifierLog
{
    [LoggerMessage(3100, LogLevel.Warning, "Token verification could not reach the database")]
    public static partial void DatabaseUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(3101, LogLevel.Information, "Secret hash of token {TokenId} upgraded to the current parameters")]
    public static partial void Rehashed(ILogger logger, Guid tokenId);

    [LoggerMessage(3102, LogLevel.Warning, "Secret hash of token {TokenId} could not be upgraded")]
    public static partial void RehashFailed(ILogger logger, Guid tokenId, Exception exception);

    [LoggerMessage(3110, LogLevel.Information, "Listening for token changes")]
    public static partial void Listening(ILogger logger);

    [LoggerMessage(3111, LogLevel.Warning,
        "Lost the token-change listener connection; retrying in {DelaySeconds} s, cache cleared once back")]
    public static partial void ListenerLost(ILogger logger, double delaySeconds, Exception exception);

    [LoggerMessage(3112, LogLevel.Debug, "Token {LookupId} changed; its cached verifications were evicted")]
    public static partial void Evicted(ILogger logger, string lookupId);

    [LoggerMessage(3113, LogLevel.Warning, "Could not announce the change of token {LookupId} to other instances")]
    public static partial void NotifyFailed(ILogger logger, string lookupId, Exception exception);

    [LoggerMessage(3120, LogLevel.Information, "Pruned {Count} idempotency records older than {Cutoff}")]
    public static partial void IdempotencyPruned(ILogger logger, int count, DateTimeOffset cutoff);

    [LoggerMessage(3121, LogLevel.Warning, "Pruning idempotency records failed")]
    public static partial void IdempotencyPruneFailed(ILogger logger, Exception exception);

    [LoggerMessage(3122, LogLevel.Warning, "Verifying a remembered token ahead of its expiry failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception);
}
