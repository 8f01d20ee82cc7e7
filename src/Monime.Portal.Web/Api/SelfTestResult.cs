namespace Monime.Portal.Web.Api;

/// <summary>What <c>GET /v1</c> tells a caller about itself; token details only when authenticated.</summary>
public sealed record SelfTestResult(
    string? Environment,
    bool Authenticated,
    string ApiRelease,
    string? ClientIp,
    string? Token,
    IReadOnlyList<string>? Permissions);
