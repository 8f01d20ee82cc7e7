using System.Net;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Decides whether an API call may reach its endpoint. The checks run in this fixed order, and the first
/// that fails answers:
/// <list type="number">
/// <item>Header: exactly one <c>Authorization: Bearer</c>; none → 401 without an error code (or anonymous where
/// the endpoint allows it); empty, several, another scheme or a token in the query string → 400.</item>
/// <item>Format and checksum (<see cref="TokenFormat.TryParse"/>): no database, no Argon2id → 401. A header seen on
/// the connection's previous call is not parsed again (<see cref="ConnectionTokenMemo"/>).</item>
/// <item>Failure throttle, only when the secret is not already known good: too many failures for the token or
/// from the address → 429 before any database read or hashing, held back a moment so that a flood answers
/// itself slowly (<see cref="ApiOptions.ThrottledRefusalDelayMilliseconds"/>). A flood spread over many
/// addresses, which no per-address count stops, is held back the same way once the instance as a whole sees
/// more failures than <see cref="ApiOptions.FailuresPerInstancePerSecond"/> (<see cref="ThrottledRefusalHold"/>).
/// </item>
/// <item>Lookup by id (one indexed read) and Argon2id on the secret, or the verification cache → 401, the same
/// body for an unknown id and a wrong secret; 503 when the database cannot be asked.</item>
/// <item>Revoked, expired, mode (prefix against row), owner's account disabled by an admin → 401.</item>
/// <item>Per-token rate limit → 429.</item>
/// <item>Space, on Space-scoped endpoints: <c>Monime-Space-Id</c> present and well-formed → else 400; inside the
/// token's whitelist and the owner still a member → else 403.</item>
/// <item>Permission: held by the token, and granted by the owner's role in the Space → else 403.</item>
/// <item>IP whitelist, against the connection's address (set from X-Forwarded-For by the forwarded-headers
/// middleware only for trusted proxies; never read here) → 403.</item>
/// </list>
/// Revocation, expiry and everything from the Space on are judged by <see cref="AccessPolicy"/>, which the
/// portal's refusal explainer reads too, so the two cannot disagree.
/// </summary>
public sealed class ApiAuthenticator(
    TokenVerifier verifier, SecretFailureThrottle throttle, ApiTokenRateLimiter rateLimiter, TimeProvider clock)
{
    private const string Realm = "Bearer realm=\"monime\"";

    public async ValueTask<ApiAuthentication> AuthenticateAsync(
        HttpContext context, Endpoint endpoint, ApiCallState call, CancellationToken cancellationToken)
    {
        var requirement = endpoint.Metadata.GetMetadata<ApiPermissionMetadata>();
        call.Permission = requirement?.Permission;

        var header = BearerHeaderParser.Parse(context.Request);
        if (header.Kind == BearerHeaderKind.Missing)
        {
            return endpoint.Metadata.GetMetadata<ApiOptionalAuthenticationMetadata>() is not null
                ? ApiAuthentication.Anonymous
                : Refuse(new ApiRefusal(StatusCodes.Status401Unauthorized, ApiReasons.MissingToken,
                    "Send an access token: Authorization: Bearer <token>.")
                { Challenge = Realm });
        }

        if (header.Kind == BearerHeaderKind.Invalid)
        {
            return Refuse(new ApiRefusal(StatusCodes.Status400BadRequest, ApiReasons.InvalidRequest, header.Problem!)
            {
                Challenge = $"{Realm}, error=\"invalid_request\"",
            });
        }

        var presented = ConnectionTokenMemo.Recall(context, header.Value!);
        if (presented is null)
        {
            if (!TokenFormat.TryParse(header.Value, out presented))
            {
                return Refuse(InvalidToken(ApiReasons.MalformedToken) with { FailedGuess = true });
            }

            ConnectionTokenMemo.Remember(context, header.Value!, presented);
        }

        var clientIp = ClientAddress(context);
        var verification = verifier.Recall(presented);
        if (verification is null)
        {
            if (!verifier.IsKnownSecret(presented)
                && throttle.Check(presented.LookupId, clientIp?.ToString()) is { Allowed: false } throttled)
            {
                return Refuse(TooManyFailures(throttled));
            }

            verification = await verifier.VerifyAsync(presented, cancellationToken);
        }

        call.TokenId = verification.TokenId;
        call.Token = verification.Token;
        switch (verification.Outcome)
        {
            case TokenVerificationOutcome.Unavailable:
                return Refuse(Unavailable());
            case TokenVerificationOutcome.Unknown:
                throttle.RecordFailure(clientIp?.ToString());
                return Refuse(InvalidToken(ApiReasons.UnknownToken) with { FailedGuess = true });
            case TokenVerificationOutcome.WrongSecret:
                throttle.RecordFailure(clientIp?.ToString());
                return Refuse(InvalidToken(ApiReasons.WrongSecret) with { FailedGuess = true });
            case TokenVerificationOutcome.Throttled:
                // Its attempts ran out while this call waited for the row: refused as the check above would.
                return Refuse(TooManyFailures(throttle.AttemptsSpent(presented.LookupId)));
            case TokenVerificationOutcome.ModeMismatch:
                return Refuse(InvalidToken(ApiReasons.ModeMismatch));
            case TokenVerificationOutcome.Revoked:
                return Refuse(InvalidToken(ApiReasons.TokenRevoked, ApiReasons.TokenRevoked,
                    "This token was revoked."));
            case TokenVerificationOutcome.Expired:
                return Refuse(InvalidToken(ApiReasons.TokenExpired, ApiReasons.TokenExpired,
                    "This token has expired."));
            case TokenVerificationOutcome.OwnerDisabled:
                return Refuse(InvalidToken(ApiReasons.OwnerDisabled, ApiReasons.OwnerDisabled,
                    "The account that owns this token is disabled."));
        }

        var token = verification.Token!;
        if (rateLimiter.TryAcquire(token) is { } limited)
        {
            return Refuse(limited);
        }

        var spaceId = requirement is { SpaceScoped: true } ? SingleSpaceHeader(context) : null;
        var role = (SpaceRole?)null;
        if (requirement is { SpaceScoped: true } && AccessPolicy.NeedsRole(token, spaceId))
        {
            var lookup = await verifier.SpaceRoleOfAsync(token, spaceId!, cancellationToken);
            if (!lookup.Available)
            {
                return Refuse(Unavailable());
            }

            role = lookup.Role;
        }

        var decision = AccessPolicy.Decide(new AccessRequest(token, clock.GetUtcNow(), requirement?.Permission,
            requirement is { SpaceScoped: true }, spaceId, role, clientIp));
        // A refused call keeps the Space it asked for, so its owner can replay it in the refusal explainer.
        call.SpaceId = requirement is { SpaceScoped: true } && SpaceIds.IsWellFormed(spaceId) ? spaceId : null;
        if (decision.FirstFailure is { } failure)
        {
            return Refuse(RefusalFor(failure, requirement?.Permission));
        }

        // Read before the check below: if no change of the token has begun by then, any revocation commits
        // after this instant, so a call let through was decided before the commit (see TokenVerifier).
        var authorizedAt = clock.GetUtcNow();
        if (!verifier.IsCurrent(verification))
        {
            // A revocation or rotation began while the checks above ran: judge the call again from the start,
            // which waits for the change to commit. The call then takes a second unit of its rate limit.
            return await AuthenticateAsync(context, endpoint, call, cancellationToken);
        }

        call.AuthorizedAt = authorizedAt;
        var release = call.ApiRelease ?? token.ApiRelease;
        return new ApiAuthentication(
            new ApiCaller(token.Id, token.OwnerId, token.OrganizationId, token.Mode, release, call.SpaceId,
                decision.EffectivePermissions),
            null);
    }

    /// <summary>The connection's address, IPv4-mapped IPv6 folded to IPv4 so logs and whitelists agree.</summary>
    public static IPAddress? ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { IsIPv4MappedToIPv6: true } mapped
            ? mapped.MapToIPv4()
            : context.Connection.RemoteIpAddress;

    /// <summary>
    /// The Space header's value, or null when absent or empty; several values count as one malformed value so
    /// that the policy refuses them as <c>invalid_space</c>.
    /// </summary>
    private static string? SingleSpaceHeader(HttpContext context)
    {
        var values = context.Request.Headers[ApiHeaders.SpaceId];
        return values.Count switch
        {
            0 => null,
            1 => string.IsNullOrEmpty(values[0]) ? null : values[0],
            _ => string.IsNullOrEmpty(values[0]) ? null : "(several)",
        };
    }

    /// <summary>The API's answer for a failed policy check; the messages say what failed, never a whitelist.</summary>
    private static ApiRefusal RefusalFor(AccessCheck failure, string? permission) => failure.Reason switch
    {
        ApiReasons.TokenRevoked => InvalidToken(ApiReasons.TokenRevoked, ApiReasons.TokenRevoked,
            "This token was revoked."),
        ApiReasons.TokenExpired => InvalidToken(ApiReasons.TokenExpired, ApiReasons.TokenExpired,
            "This token has expired."),
        ApiReasons.MissingSpace => new ApiRefusal(StatusCodes.Status400BadRequest, ApiReasons.MissingSpace,
            $"This endpoint acts inside a Space: send {ApiHeaders.SpaceId}."),
        ApiReasons.InvalidSpace => new ApiRefusal(StatusCodes.Status400BadRequest, ApiReasons.InvalidSpace,
            $"{ApiHeaders.SpaceId} must be one Space id, spc_ followed by letters and digits."),
        ApiReasons.SpaceNotAllowed => Forbidden(ApiReasons.SpaceNotAllowed, permission,
            "This token may not act in this Space."),
        ApiReasons.NotAMember => Forbidden(ApiReasons.NotAMember, permission,
            "The token's owner is not a member of this Space."),
        ApiReasons.MissingPermission => Forbidden(ApiReasons.MissingPermission, permission,
            $"This token lacks the {permission} permission."),
        ApiReasons.RoleLacksPermission => Forbidden(ApiReasons.RoleLacksPermission, permission,
            $"The token owner's role in this Space does not grant {permission}."),
        ApiReasons.IpNotAllowed => Forbidden(ApiReasons.IpNotAllowed, permission,
            "This token may not be used from this address."),
        _ => throw new InvalidOperationException($"No refusal is defined for the reason '{failure.Reason}'."),
    };

    private static ApiAuthentication Refuse(ApiRefusal refusal) => new(null, refusal);

    private static ApiRefusal TooManyFailures(FailureThrottleDecision decision) =>
        new(StatusCodes.Status429TooManyRequests, ApiReasons.RateLimited,
            "Too many failed attempts; wait before trying again.")
        {
            RateLimit = decision.Limit,
            RetryAfter = decision.RetryAfter,
            Throttled = true,
        };

    /// <summary>One body for every token that cannot be used as presented: no hint at which part was wrong.</summary>
    private static ApiRefusal InvalidToken(
        string internalReason, string reason = ApiReasons.InvalidToken,
        string message = "The access token is not valid.") =>
        new(StatusCodes.Status401Unauthorized, reason, message)
        {
            InternalReason = internalReason,
            Challenge = $"{Realm}, error=\"invalid_token\", error_description=\"{message}\"",
        };

    private static ApiRefusal Forbidden(string reason, string? permission, string message) =>
        new(StatusCodes.Status403Forbidden, reason, message)
        {
            Challenge = permission is null
                ? $"{Realm}, error=\"insufficient_scope\""
                : $"{Realm}, error=\"insufficient_scope\", scope=\"{permission}\"",
        };

    private static ApiRefusal Unavailable() =>
        new(StatusCodes.Status503ServiceUnavailable, ApiReasons.ServiceUnavailable,
            "The token could not be checked right now; try again shortly.")
        {
            RetryAfter = TimeSpan.FromSeconds(5),
        };
}
