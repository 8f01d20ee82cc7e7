namespace Monime.Portal.Tokens;

public sealed record TokenPage(IReadOnlyList<TokenRow> Rows, string? NextCursor);
