namespace Monime.Portal.Accounts;

/// <summary>Portal-wide roles. Token management needs no role: every Monimeer owns their tokens.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";

    public const string Ops = "Ops";

    public static IReadOnlyList<string> All { get; } = [Admin, Ops];
}
