namespace Monime.Portal.Tokens;

/// <summary>
/// The result of checking a presented token. <see cref="Token"/> is set whenever the secret was right (even when
/// the token is revoked or expired); <see cref="TokenId"/> whenever the lookup id found a row.
/// </summary>
public sealed record TokenVerification(TokenVerificationOutcome Outcome, VerifiedToken? Token, Guid? TokenId)
{
    public static TokenVerification Unknown { get; } = new(TokenVerificationOutcome.Unknown, null, null);

    public static TokenVerification Unavailable { get; } = new(TokenVerificationOutcome.Unavailable, null, null);

    public bool Succeeded => Outcome == TokenVerificationOutcome.Verified;

    /// <summary>The token's change state when this was decided, for <see cref="TokenVerifier.IsCurrent"/>.</summary>
    internal object? Change { get; init; }
}
