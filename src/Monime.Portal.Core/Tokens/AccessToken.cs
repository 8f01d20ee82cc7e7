using Monime.Portal.Accounts;

namespace Monime.Portal.Tokens;

/// <summary>
/// An API access token. The secret itself is never stored: only its Argon2id hash, so a copy of the
/// database cannot be used to call the API.
/// </summary>
public sealed class AccessToken
{
    public Guid Id { get; set; }

    /// <summary>Public part of the token text; finds the row with one indexed read.</summary>
    public required string LookupId { get; set; }

    public required string SecretHash { get; set; }

    public required string Name { get; set; }

    public TokenMode Mode { get; set; }

    public required string OwnerId { get; set; }

    public Monimeer? Owner { get; set; }

    public Guid OrganizationId { get; set; }

    public required string ApiRelease { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ExpiresAt { get; set; }

    public string? WhitelistedSpaceId { get; set; }

    public List<string> IpWhitelist { get; set; } = [];

    public List<string> Permissions { get; set; } = [];

    /// <summary>The hidden form nonce that created it: a double-submitted form makes one token.</summary>
    public Guid? CreationNonce { get; set; }

    public DateTimeOffset? LastUsedAt { get; set; }

    public string? LastUsedIp { get; set; }

    /// <summary>The last few distinct client addresses, newest first.</summary>
    public List<string> RecentIps { get; set; } = [];

    /// <summary>Set when the token was used from an address it had never used before.</summary>
    public DateTimeOffset? NewIpSeenAt { get; set; }

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevokedById { get; set; }

    public string? RevocationReason { get; set; }

    public Guid? RotatedFromId { get; set; }

    /// <summary>Set on the old token of a rotation; it stays usable until its (shortened) expiry.</summary>
    public Guid? ReplacedById { get; set; }

    public DateTimeOffset? RotatedAt { get; set; }

    /// <summary>PostgreSQL's xmin: two requests changing the same token cannot both win.</summary>
    public uint Version { get; set; }

    public string Masked => TokenFormat.Mask(Mode, LookupId);

    public TokenStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? TokenStatus.Revoked
        : ExpiresAt is { } expiresAt && expiresAt <= now ? TokenStatus.Expired
        : TokenStatus.Active;

    /// <summary>A rotated token still inside its grace period.</summary>
    public bool IsInGracePeriod(DateTimeOffset now) => ReplacedById is not null && StatusAt(now) == TokenStatus.Active;
}
