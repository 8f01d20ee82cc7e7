namespace Monime.Portal.Tokens;

/// <summary>One line of a token list. Carries the masked token only.</summary>
public sealed record TokenRow(Guid Id, string Name, string Masked, TokenMode Mode, TokenStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? LastUsedAt, bool InGracePeriod,
    bool NewIpSeen, string OwnerEmail);
