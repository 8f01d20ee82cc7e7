namespace Monime.Portal.Web.Api;

/// <summary>
/// The stable words in <c>error.reason</c>. Some refusals share a public word but keep their own internal one
/// (malformed, unknown and wrong-secret tokens all answer <see cref="InvalidToken"/>), so the portal can explain
/// a refusal to the token's owner without telling a guesser which part was wrong.
/// </summary>
public static class ApiReasons
{
    public const string MissingToken = "missing_token";
    public const string InvalidRequest = "invalid_request";
    public const string InvalidToken = "invalid_token";
    public const string TokenExpired = "token_expired";
    public const string TokenRevoked = "token_revoked";
    public const string OwnerDisabled = "owner_disabled";
    public const string MissingSpace = "missing_space";
    public const string InvalidSpace = "invalid_space";
    public const string SpaceNotAllowed = "space_not_allowed";
    public const string NotAMember = "not_a_member";
    public const string MissingPermission = "missing_permission";
    public const string RoleLacksPermission = "role_lacks_permission";
    public const string IpNotAllowed = "ip_not_allowed";
    public const string RateLimited = "rate_limited";
    public const string UnsupportedVersion = "unsupported_version";
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";
    public const string IdempotencyKeyInUse = "idempotency_key_in_use";
    public const string RequestInProgress = "request_in_progress";
    public const string AlreadyRotated = "already_rotated";
    public const string NotFound = "not_found";
    public const string MethodNotAllowed = "method_not_allowed";
    public const string PayloadTooLarge = "payload_too_large";
    public const string ServiceUnavailable = "service_unavailable";
    public const string InternalError = "internal_error";

    /// <summary>Internal only: told apart in usage and logs, answered as <see cref="InvalidToken"/>.</summary>
    public const string MalformedToken = "malformed_token";
    public const string UnknownToken = "unknown_token";
    public const string WrongSecret = "wrong_secret";
    public const string ModeMismatch = "mode_mismatch";
}
