namespace Monime.Portal.Accounts;

/// <summary>Authorization policy names shared by pages and handlers.</summary>
public static class PortalPolicies
{
    public const string Admin = "Admin";

    /// <summary>Read-only views of everyone's usage: ops, and admins who also see everything.</summary>
    public const string UsageReader = "UsageReader";
}
