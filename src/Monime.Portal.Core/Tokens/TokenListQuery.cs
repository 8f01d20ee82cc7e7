namespace Monime.Portal.Tokens;

/// <summary>Filters of the token lists; <see cref="After"/> is the opaque cursor of the previous page.</summary>
public sealed record TokenListQuery(TokenStatus? Status = null, TokenMode? Mode = null, string? Search = null,
    string? After = null);
