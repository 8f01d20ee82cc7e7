using System.Net;

namespace Monime.Portal.Tokens;

/// <summary>
/// What the API needs of a token whose secret was checked: its settings and status dates, never its hash.
/// This is what the verification cache holds, so expiry and revocation are still judged on every call.
/// <see cref="OwnerDisabled"/> is read with the row by the verifier; a token built <see cref="From"/> an entity, for
/// the owner's own refusal explainer, leaves it false, since a disabled owner cannot sign in to read it.
/// </summary>
public sealed record VerifiedToken(
    Guid Id,
    string LookupId,
    TokenMode Mode,
    string OwnerId,
    Guid OrganizationId,
    string ApiRelease,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    string? WhitelistedSpaceId,
    IReadOnlyList<string> IpWhitelist,
    IReadOnlySet<string> Permissions,
    DateTimeOffset CreatedAt,
    bool OwnerDisabled = false)
{
    public string Masked => TokenFormat.Mask(Mode, LookupId);

    /// <summary>The API's view of a stored token, for judging a call the token might make.</summary>
    public static VerifiedToken From(AccessToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new VerifiedToken(token.Id, token.LookupId, token.Mode, token.OwnerId, token.OrganizationId,
            token.ApiRelease, token.ExpiresAt, token.RevokedAt, token.WhitelistedSpaceId, [.. token.IpWhitelist],
            token.Permissions.ToHashSet(StringComparer.Ordinal), token.CreatedAt);
    }

    public TokenStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? TokenStatus.Revoked
        : ExpiresAt is { } expiresAt && expiresAt <= now ? TokenStatus.Expired
        : TokenStatus.Active;

    /// <summary>An empty whitelist allows every address; otherwise the address must fall in one entry.</summary>
    public bool AllowsAddress(IPAddress? address) =>
        IpWhitelist.Count == 0 || (address is not null && IpRule.AnyContains(IpWhitelist, address));
}
