using Microsoft.Extensions.Logging;

namespace Monime.Portal.Usage;

/// <summary>Usage reading and exports, ids 5000-5009. People appear by user id, tokens by id.</summary>
internal static partial class UsageLog
{
    [LoggerMessage(5000, LogLevel.Debug, "Usage of token {TokenId} read by {UserId}")]
    public static partial void TokenUsageRead(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(5001, LogLevel.Information, "Usage of {Tokens} tokens exported as CSV by {UserId}")]
    public static partial void Exported(ILogger logger, int tokens, string userId);
}
