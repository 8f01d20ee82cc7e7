namespace Monime.Portal.Tokens;

public sealed record RotateTokenResult(TokenChangeResult Outcome, AccessToken? Replacement, IssuedToken? Issued,
    string? Message = null);
