using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// The replacement a program receives from <c>POST /v1/tokens/self/rotate</c>. <see cref="Token"/> is the full new
/// value, in this answer only; an idempotent replay gets the answer with it blanked.
/// </summary>
public sealed record SelfRotationResult(
    Guid Id,
    string? Token,
    string Masked,
    string Mode,
    DateTimeOffset? ExpireTime,
    Guid ReplacesId,
    string ReplacesMasked,
    DateTimeOffset? OldTokenExpireTime)
{
    // Records print every member by default; this one may hold a secret, so it prints only what is public.
    public override string ToString() => Masked;

    public static SelfRotationResult From(VerifiedToken old, AccessToken replacement, IssuedToken issued,
        DateTimeOffset? oldExpiry) =>
        new(replacement.Id, issued.Value, replacement.Masked, replacement.Mode == TokenMode.Live ? "live" : "test",
            replacement.ExpiresAt, old.Id, old.Masked, oldExpiry);
}
