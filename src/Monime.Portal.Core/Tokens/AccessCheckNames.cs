namespace Monime.Portal.Tokens;

/// <summary>The names of the policy checks, in the order the API makes them.</summary>
public static class AccessCheckNames
{
    public const string Revocation = "Revocation";
    public const string Expiry = "Expiry";
    public const string Mode = "Mode";
    public const string SpaceHeader = "Space header";
    public const string SpaceWhitelist = "Space whitelist";
    public const string SpaceMembership = "Space membership";
    public const string Permission = "Token permission";
    public const string SpaceRole = "Space role";
    public const string IpWhitelist = "IP whitelist";
}
