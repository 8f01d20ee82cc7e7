using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

public sealed record TokenCount(TokenMode Mode, TokenStatus Status, int Count);
