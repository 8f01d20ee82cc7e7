using Monime.Portal.Spaces;

namespace Monime.Portal.Tokens;

/// <summary>
/// The policy half of the API's checks, without I/O: revocation, expiry, mode, Space (header, whitelist,
/// membership), permission held, permission granted by the Space role, and the IP whitelist, in that order.
/// The API refuses with the first failure; the portal's "Why was I refused?" page shows the whole list. Both read
/// this one type so that they cannot disagree. The reasons are the API's public <c>error.reason</c> words.
/// </summary>
public static class AccessPolicy
{
    public static AccessEvaluation Evaluate(AccessRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Token;
        var checks = new List<AccessCheck>
        {
            CheckRevocation(token),
            CheckExpiry(token, request.Now),

            // The mode is judged by the verifier against the presented prefix; a token's own mode always matches.
            new(AccessCheckNames.Mode, true, null, token.Mode == TokenMode.Live
                ? "A live token: calls reach live data."
                : "A test token: calls reach test data."),
        };

        IReadOnlySet<string> effective = token.Permissions;
        if (request.SpaceScoped)
        {
            checks.AddRange(CheckSpace(request));
            if (request.Role is { } role)
            {
                effective = token.Permissions.Where(p => SpaceRolePermissions.Grants(role, p))
                    .ToHashSet(StringComparer.Ordinal);
            }
        }
        else if (request.Permission is { } permission)
        {
            checks.Add(CheckPermissionHeld(token, permission));
        }

        checks.Add(CheckAddress(request));
        return new AccessEvaluation(checks, effective);
    }

    /// <summary>Whether the Space checks that need no database pass, so the caller knows to look up the role.</summary>
    public static bool NeedsRole(VerifiedToken token, string? spaceId) =>
        token is not null && spaceId is not null && SpaceIds.IsWellFormed(spaceId)
        && (token.WhitelistedSpaceId is null
            || string.Equals(token.WhitelistedSpaceId, spaceId, StringComparison.Ordinal));

    private static AccessCheck CheckRevocation(VerifiedToken token) =>
        token.RevokedAt is { } revokedAt
            ? new(AccessCheckNames.Revocation, false, "token_revoked", $"Revoked at {revokedAt:u}.",
                "A revoked token never works again: create a new token.")
            : new(AccessCheckNames.Revocation, true, null, "Not revoked.");

    private static AccessCheck CheckExpiry(VerifiedToken token, DateTimeOffset now) =>
        token.ExpiresAt switch
        {
            null => new(AccessCheckNames.Expiry, true, null, "Never expires."),
            { } at when at <= now => new(AccessCheckNames.Expiry, false, "token_expired", $"Expired at {at:u}.",
                "An expired token cannot be renewed: create a new token."),
            { } at => new(AccessCheckNames.Expiry, true, null, $"Valid until {at:u}."),
        };

    private static IEnumerable<AccessCheck> CheckSpace(AccessRequest request)
    {
        var token = request.Token;
        var spaceId = request.SpaceId;
        if (string.IsNullOrEmpty(spaceId))
        {
            yield return new(AccessCheckNames.SpaceHeader, false, "missing_space",
                "This endpoint acts inside a Space and no Space was sent.",
                "Send the Space's id in the Monime-Space-Id header.");
            yield break;
        }

        if (!SpaceIds.IsWellFormed(spaceId))
        {
            yield return new(AccessCheckNames.SpaceHeader, false, "invalid_space",
                $"'{spaceId}' is not a Space id.", "Send one Space id: spc_ followed by letters and digits.");
            yield break;
        }

        yield return new(AccessCheckNames.SpaceHeader, true, null, $"Space {spaceId} sent.");
        if (token.WhitelistedSpaceId is { } allowed && !string.Equals(allowed, spaceId, StringComparison.Ordinal))
        {
            yield return new(AccessCheckNames.SpaceWhitelist, false, "space_not_allowed",
                $"The token may act only in Space {allowed}.",
                $"Call with Monime-Space-Id: {allowed}, or create a token for {spaceId}.");
            yield break;
        }

        yield return new(AccessCheckNames.SpaceWhitelist, true, null,
            token.WhitelistedSpaceId is null
                ? "The token may act in any of its owner's Spaces."
                : "The Space is the token's own.");
        if (request.Role is not { } role)
        {
            yield return new(AccessCheckNames.SpaceMembership, false, "not_a_member",
                $"The token's owner is not a member of {spaceId}.",
                "Ask a Space Owner of that Space to add you as a Developer.");
            yield break;
        }

        yield return new(AccessCheckNames.SpaceMembership, true, null,
            $"The owner is a member of {spaceId} as {role}.");
        if (request.Permission is not { } permission)
        {
            yield break;
        }

        var held = CheckPermissionHeld(token, permission);
        yield return held;
        if (!held.Passed)
        {
            yield break;
        }

        yield return SpaceRolePermissions.Grants(role, permission)
            ? new(AccessCheckNames.SpaceRole, true, null, $"The {role} role grants {permission}.")
            : new(AccessCheckNames.SpaceRole, false, "role_lacks_permission",
                $"The {role} role does not grant {permission}.",
                $"Ask a Space Owner to give you the {LeastRoleGranting(permission)} role.");
    }

    private static AccessCheck CheckPermissionHeld(VerifiedToken token, string permission) =>
        token.Permissions.Contains(permission)
            ? new(AccessCheckNames.Permission, true, null, $"The token holds {permission}.")
            : new(AccessCheckNames.Permission, false, "missing_permission", $"The token lacks {permission}.",
                $"Add {permission} to the token: create a token that holds it, then revoke this one.");

    private static AccessCheck CheckAddress(AccessRequest request)
    {
        var token = request.Token;
        if (token.IpWhitelist.Count == 0)
        {
            return new(AccessCheckNames.IpWhitelist, true, null, "Any address may call.");
        }

        if (token.AllowsAddress(request.Address))
        {
            return new(AccessCheckNames.IpWhitelist, true, null, $"{request.Address} is on the IP whitelist.");
        }

        return request.Address is null
            ? new(AccessCheckNames.IpWhitelist, false, "ip_not_allowed",
                "The caller's address is unknown and the token is restricted to a whitelist.",
                "Call from an address on the whitelist.")
            : new(AccessCheckNames.IpWhitelist, false, "ip_not_allowed",
                $"{request.Address} is not on the IP whitelist ({string.Join(", ", token.IpWhitelist)}).",
                $"Add {request.Address} to the IP whitelist, or call from a whitelisted address.");
    }

    /// <summary>The narrowest role that grants a permission, so the advice never asks for more than needed.</summary>
    private static SpaceRole LeastRoleGranting(string permission) =>
        new[] { SpaceRole.Viewer, SpaceRole.Finance, SpaceRole.Developer }
            .FirstOrDefault(role => SpaceRolePermissions.Grants(role, permission), SpaceRole.Owner);
}
