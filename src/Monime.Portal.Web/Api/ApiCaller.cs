using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// The program behind an authenticated API request, as established by the bearer-token checks. Handlers read
/// it to scope every query to the caller's Space and mode; they never look at the token themselves.
/// </summary>
public sealed record ApiCaller(
    Guid TokenId,
    string OwnerId,
    Guid OrganizationId,
    TokenMode Mode,
    string ApiRelease,
    string? SpaceId,
    IReadOnlySet<string> EffectivePermissions);
