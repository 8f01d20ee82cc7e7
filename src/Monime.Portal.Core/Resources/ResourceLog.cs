using Microsoft.Extensions.Logging;
using Monime.Portal.Tokens;

namespace Monime.Portal.Resources;

/// <summary>Events of the API's resources, ids 4000-4099. Objects appear by id and Space, never by content.</summary>
internal static partial class ResourceLog
{
    [LoggerMessage(4000, LogLevel.Debug, "Payment {PaymentId} simulated on code {PaymentCodeId} in {SpaceId}")]
    public static partial void PaymentSimulated(ILogger logger, string paymentId, string paymentCodeId, string spaceId);

    [LoggerMessage(4001, LogLevel.Information, "Payout {PayoutId} ({Mode}) created in {SpaceId} as {Status}")]
    public static partial void PayoutCreated(ILogger logger, string payoutId, TokenMode mode, string spaceId,
        string status);

    [LoggerMessage(4002, LogLevel.Information, "Payout {PayoutId} cancelled in {SpaceId}")]
    public static partial void PayoutCancelled(ILogger logger, string payoutId, string spaceId);

    [LoggerMessage(4003, LogLevel.Information, "Payment code {PaymentCodeId} deleted in {SpaceId}")]
    public static partial void PaymentCodeDeleted(ILogger logger, string paymentCodeId, string spaceId);

    [LoggerMessage(4004, LogLevel.Warning, "Concurrent change to {ResourceId} in {SpaceId}; the later one refused")]
    public static partial void ConcurrentChange(ILogger logger, string resourceId, string spaceId);
}
