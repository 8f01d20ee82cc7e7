using Microsoft.Extensions.Logging;

namespace Monime.Portal.Notifications;

/// <summary>Notification events, ids 6000–6099. Tokens by id only; a mail's body is never logged.</summary>
internal static partial class NotificationLog
{
    [LoggerMessage(6000, LogLevel.Information, "Expiry notice {Threshold} sent for token {TokenId}")]
    public static partial void ExpiryNoticeSent(ILogger logger, Guid tokenId, string threshold);

    [LoggerMessage(6001, LogLevel.Error, "Expiry notice {Threshold} for token {TokenId} could not be sent")]
    public static partial void ExpiryNoticeFailed(ILogger logger, Exception exception, Guid tokenId, string threshold);

    [LoggerMessage(6002, LogLevel.Error, "Expiry check failed; it runs again at the next interval")]
    public static partial void ExpiryCheckFailed(ILogger logger, Exception exception);
}
