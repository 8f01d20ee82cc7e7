namespace Monime.Portal.Web.Api;

/// <summary>API events, ids 3000-3099. Tokens appear by id and masked prefix only, never by value.</summary>
internal static partial class ApiLog
{
    [LoggerMessage(3000, LogLevel.Warning,
        "API call {Method} {Endpoint} refused {Status} {Reason} for token {TokenId} ({Masked}) from {ClientIp}")]
    public static partial void Refused(ILogger logger, string method, string endpoint, int status, string reason,
        Guid? tokenId, string? masked, string? clientIp);

    [LoggerMessage(3001, LogLevel.Error, "API call {Method} {Endpoint} failed ({RequestId})")]
    public static partial void Failed(ILogger logger, string method, string endpoint, string requestId,
        Exception exception);

    [LoggerMessage(3002, LogLevel.Warning, "API call {Method} {Endpoint} found the database unavailable ({RequestId})")]
    public static partial void DatabaseUnavailable(ILogger logger, string method, string endpoint, string requestId,
        Exception exception);

    [LoggerMessage(3003, LogLevel.Debug, "Idempotency key replayed for token {TokenId} ({Status})")]
    public static partial void Replayed(ILogger logger, Guid tokenId, int status);

    [LoggerMessage(3004, LogLevel.Debug, "Token {CallerTokenId} introspected {Masked}: {Outcome}")]
    public static partial void Introspected(ILogger logger, Guid callerTokenId, string masked, string outcome);

    [LoggerMessage(3005, LogLevel.Warning,
        "Token {CallerTokenId} introspected token {TokenId} ({Masked}) with a wrong secret from {ClientIp}")]
    public static partial void IntrospectedWrongSecret(ILogger logger, Guid callerTokenId, Guid? tokenId,
        string masked, string? clientIp);
}
