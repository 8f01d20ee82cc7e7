using System.Collections.Frozen;

namespace Monime.Portal.Spaces;

/// <summary>
/// What each Space role lets its holder do. A token acting in a Space holds the intersection of
/// its own permissions with its owner's role there, so demoting a person narrows their tokens too.
/// </summary>
public static class SpaceRolePermissions
{
    private static readonly FrozenDictionary<SpaceRole, FrozenSet<string>> s_granted =
        new Dictionary<SpaceRole, FrozenSet<string>>
        {
            [SpaceRole.Owner] = Tokens.PermissionCatalog.AllPermissions.ToFrozenSet(),
            [SpaceRole.Developer] = Tokens.PermissionCatalog.AllPermissions.ToFrozenSet(),
            [SpaceRole.Finance] = new[]
            {
                "payments:read", "payouts:read", "payouts:write", "customers:read",
                "analytics:read", "financial_accounts:read",
            }.ToFrozenSet(),
            [SpaceRole.Viewer] = Tokens.PermissionCatalog.AllPermissions
                .Where(permission => permission.EndsWith(":read", StringComparison.Ordinal))
                .ToFrozenSet(),
        }.ToFrozenDictionary();

    public static IReadOnlySet<string> For(SpaceRole role) => s_granted[role];

    public static bool Grants(SpaceRole role, string permission) => s_granted[role].Contains(permission);
}
