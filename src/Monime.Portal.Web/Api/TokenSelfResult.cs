namespace Monime.Portal.Web.Api;

/// <summary>The calling token as <c>GET /v1/tokens/self</c> shows it: settings, never the secret or its hash.</summary>
public sealed record TokenSelfResult(
    Guid Id,
    string Token,
    string Mode,
    string ApiRelease,
    DateTimeOffset? ExpiresAt,
    string? WhitelistedSpaceId,
    bool IpRestricted,
    IReadOnlyList<string> Permissions);
