using Microsoft.Extensions.Logging;

namespace Monime.Portal.Tokens;

/// <summary>Token events, ids 2000-2099. Tokens appear by id and masked prefix, never by secret.</summary>
internal static partial class TokenLog
{
    [LoggerMessage(2000, LogLevel.Information, "Token {TokenId} ({Masked}, {Mode}) created by {UserId}")]
    public static partial void Created(ILogger logger, Guid tokenId, string masked, TokenMode mode, string userId);

    [LoggerMessage(2001, LogLevel.Information, "Token {TokenId} revoked by {UserId}")]
    public static partial void Revoked(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(2002, LogLevel.Information,
        "Token {TokenId} rotated to {NewTokenId} by {UserId}; old token works until {GraceEnd}")]
    public static partial void Rotated(ILogger logger, Guid tokenId, Guid newTokenId, string userId,
        DateTimeOffset graceEnd);

    [LoggerMessage(2003, LogLevel.Debug, "Create form {Nonce} was submitted again; token {TokenId} already exists")]
    public static partial void DuplicateCreate(ILogger logger, Guid nonce, Guid tokenId);

    [LoggerMessage(2004, LogLevel.Information, "Grace period of token {TokenId} ended early by {UserId}")]
    public static partial void GraceEnded(ILogger logger, Guid tokenId, string userId);

    [LoggerMessage(2005, LogLevel.Debug, "A new token drew a lookup id that is taken; issuing another")]
    public static partial void LookupTaken(ILogger logger);
}
