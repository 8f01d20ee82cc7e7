using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

public sealed record UnusedToken(Guid TokenId, string Name, string Masked, TokenMode Mode, string OwnerEmail,
    DateTimeOffset CreatedAt);
