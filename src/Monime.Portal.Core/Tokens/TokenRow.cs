namespace Monime.Portal.Tokens;

/// <summary>
/// One line of a token list. Carries the masked token only. <see cref="OwnerDisabled"/> is apart from the status:
/// the token itself is unchanged, and the API refuses it only until an admin enables its owner again.
/// </summary>
public sealed record TokenRow(Guid Id, string Name, string Masked, TokenMode Mode, TokenStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool InGracePeriod,
    bool NewIpSeen, string OwnerEmail, bool OwnerDisabled);
