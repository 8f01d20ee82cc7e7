using Monime.Portal.Spaces;

namespace Monime.Portal.Tokens;

/// <summary>
/// The policy half of the API's checks, without I/O: revocation, expiry, mode, Space (header, whitelist,
/// membership), permission held, permission granted by the Space role, and the IP whitelist, in that order.
/// The API refuses with the first failure (<see cref="Decide"/>); the portal's "Why was I refused?" page shows the
/// whole list (<see cref="Evaluate"/>). Both run the same checks, so that they cannot disagree; only the
/// explanation of checks that passed is left out of the API's verdict, which is made on every call. The reasons
/// are the API's public <c>error.reason</c> words.
/// </summary>
public static class AccessPolicy
{
    private static readonly AccessCheck s_notRevoked = new(AccessCheckNames.Revocation, true, null, "Not revoked.");
    private static readonly AccessCheck s_neverExpires = new(AccessCheckNames.Expiry, true, null, "Never expires.");
    private static readonly AccessCheck s_anyAddress = new(AccessCheckNames.IpWhitelist, true, null,
        "Any address may call.");
    private static readonly AccessCheck s_liveMode = new(AccessCheckNames.Mode, true, null,
        "A live token: calls reach live data.");
    private static readonly AccessCheck s_testMode = new(AccessCheckNames.Mode, true, null,
        "A test token: calls reach test data.");
    private static readonly AccessCheck s_anySpace = new(AccessCheckNames.SpaceWhitelist, true, null,
        "The token may act in any of its owner's Spaces.");
    private static readonly AccessCheck s_ownSpace = new(AccessCheckNames.SpaceWhitelist, true, null,
        "The Space is the token's own.");

    /// <summary>Every check in the API's order, each with what it found: for people reading a refusal.</summary>
    public static AccessEvaluation Evaluate(AccessRequest request)
    {
        var checks = new List<AccessCheck>();
        var outcome = new Outcome(checks);
        var effective = Run(request, ref outcome);
        return new AccessEvaluation(checks, effective);
    }

    /// <summary>The API's verdict on one call: the checks of <see cref="Evaluate"/>, passes left unexplained.</summary>
    public static AccessDecision Decide(AccessRequest request)
    {
        var outcome = new Outcome(null);
        var effective = Run(request, ref outcome);
        return new AccessDecision(outcome.FirstFailure, effective);
    }

    /// <summary>Whether the Space checks that need no database pass, so the caller knows to look up the role.</summary>
    public static bool NeedsRole(VerifiedToken token, string? spaceId) =>
        token is not null && spaceId is not null && SpaceIds.IsWellFormed(spaceId)
        && (token.WhitelistedSpaceId is null
            || string.Equals(token.WhitelistedSpaceId, spaceId, StringComparison.Ordinal));

    private static IReadOnlySet<string> Run(AccessRequest request, ref Outcome outcome)
    {
        ArgumentNullException.ThrowIfNull(request);
        var token = request.Token;
        var explain = outcome.Explains;
        outcome.Add(CheckRevocation(token));
        outcome.Add(CheckExpiry(token, request.Now, explain));

        // The mode is judged by the verifier against the presented prefix; a token's own mode always matches.
        outcome.Add(token.Mode == TokenMode.Live ? s_liveMode : s_testMode);

        IReadOnlySet<string> effective = token.Permissions;
        if (request.SpaceScoped)
        {
            CheckSpace(request, ref outcome);
            if (request.Role is { } role)
            {
                effective = token.Permissions.Where(p => SpaceRolePermissions.Grants(role, p))
                    .ToHashSet(StringComparer.Ordinal);
            }
        }
        else if (request.Permission is { } permission)
        {
            outcome.Add(CheckPermissionHeld(token, permission, explain));
        }

        outcome.Add(CheckAddress(request, explain));
        return effective;
    }

    private static AccessCheck CheckRevocation(VerifiedToken token) =>
        token.RevokedAt is { } revokedAt
            ? new(AccessCheckNames.Revocation, false, "token_revoked", $"Revoked at {revokedAt:u}.",
                "A revoked token never works again: create a new token.")
            : s_notRevoked;

    private static AccessCheck CheckExpiry(VerifiedToken token, DateTimeOffset now, bool explain) =>
        token.ExpiresAt switch
        {
            null => s_neverExpires,
            { } at when at <= now => new(AccessCheckNames.Expiry, false, "token_expired", $"Expired at {at:u}.",
                "An expired token cannot be renewed: create a new token."),
            { } at => explain ? new(AccessCheckNames.Expiry, true, null, $"Valid until {at:u}.") : Unexplained.Expiry,
        };

    private static void CheckSpace(AccessRequest request, ref Outcome outcome)
    {
        var token = request.Token;
        var spaceId = request.SpaceId;
        var explain = outcome.Explains;
        if (string.IsNullOrEmpty(spaceId))
        {
            outcome.Add(new(AccessCheckNames.SpaceHeader, false, "missing_space",
                "This endpoint acts inside a Space and no Space was sent.",
                "Send the Space's id in the Monime-Space-Id header."));
            return;
        }

        if (!SpaceIds.IsWellFormed(spaceId))
        {
            outcome.Add(new(AccessCheckNames.SpaceHeader, false, "invalid_space",
                $"'{spaceId}' is not a Space id.", "Send one Space id: spc_ followed by letters and digits."));
            return;
        }

        outcome.Add(explain
            ? new(AccessCheckNames.SpaceHeader, true, null, $"Space {spaceId} sent.")
            : Unexplained.SpaceHeader);
        if (token.WhitelistedSpaceId is { } allowed && !string.Equals(allowed, spaceId, StringComparison.Ordinal))
        {
            outcome.Add(new(AccessCheckNames.SpaceWhitelist, false, "space_not_allowed",
                $"The token may act only in Space {allowed}.",
                $"Call with Monime-Space-Id: {allowed}, or create a token for {spaceId}."));
            return;
        }

        outcome.Add(token.WhitelistedSpaceId is null ? s_anySpace : s_ownSpace);
        if (request.Role is not { } role)
        {
            outcome.Add(new(AccessCheckNames.SpaceMembership, false, "not_a_member",
                $"The token's owner is not a member of {spaceId}.",
                "Ask a Space Owner of that Space to add you as a Developer."));
            return;
        }

        outcome.Add(explain
            ? new(AccessCheckNames.SpaceMembership, true, null, $"The owner is a member of {spaceId} as {role}.")
            : Unexplained.SpaceMembership);
        if (request.Permission is not { } permission)
        {
            return;
        }

        var held = CheckPermissionHeld(token, permission, explain);
        outcome.Add(held);
        if (!held.Passed)
        {
            return;
        }

        outcome.Add(SpaceRolePermissions.Grants(role, permission)
            ? explain
                ? new(AccessCheckNames.SpaceRole, true, null, $"The {role} role grants {permission}.")
                : Unexplained.SpaceRole
            : new(AccessCheckNames.SpaceRole, false, "role_lacks_permission",
                $"The {role} role does not grant {permission}.",
                $"Ask a Space Owner to give you the {LeastRoleGranting(permission)} role."));
    }

    private static AccessCheck CheckPermissionHeld(VerifiedToken token, string permission, bool explain) =>
        token.Permissions.Contains(permission)
            ? explain
                ? new(AccessCheckNames.Permission, true, null, $"The token holds {permission}.")
                : Unexplained.Permission
            : new(AccessCheckNames.Permission, false, "missing_permission", $"The token lacks {permission}.",
                $"Add {permission} to the token: create a token that holds it, then revoke this one.");

    private static AccessCheck CheckAddress(AccessRequest request, bool explain)
    {
        var token = request.Token;
        if (token.IpWhitelist.Count == 0)
        {
            return s_anyAddress;
        }

        if (token.AllowsAddress(request.Address))
        {
            return explain
                ? new(AccessCheckNames.IpWhitelist, true, null, $"{request.Address} is on the IP whitelist.")
                : Unexplained.IpWhitelist;
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

    /// <summary>
    /// Collects the checks when explaining, and otherwise only the first failure: the API's verdict allocates
    /// nothing for the checks that pass.
    /// </summary>
    private struct Outcome(List<AccessCheck>? checks)
    {
        public AccessCheck? FirstFailure { get; private set; }

        public readonly bool Explains => checks is not null;

        public void Add(AccessCheck check)
        {
            checks?.Add(check);
            if (!check.Passed)
            {
                FirstFailure ??= check;
            }
        }
    }

    /// <summary>Passed checks as the API's verdict holds them: named, never read by people.</summary>
    private static class Unexplained
    {
        public static readonly AccessCheck Expiry = Passed(AccessCheckNames.Expiry);
        public static readonly AccessCheck SpaceHeader = Passed(AccessCheckNames.SpaceHeader);
        public static readonly AccessCheck SpaceMembership = Passed(AccessCheckNames.SpaceMembership);
        public static readonly AccessCheck Permission = Passed(AccessCheckNames.Permission);
        public static readonly AccessCheck SpaceRole = Passed(AccessCheckNames.SpaceRole);
        public static readonly AccessCheck IpWhitelist = Passed(AccessCheckNames.IpWhitelist);

        private static AccessCheck Passed(string name) => new(name, true, null, "Passed.");
    }
}
