namespace Monime.Portal.Accounts;

/// <summary>The signed-in person on whose behalf a service acts, and where the request came from.</summary>
public sealed record PortalActor(string UserId, Guid OrganizationId, bool IsAdmin, bool IsOps, string? Ip)
{
    /// <summary>Admins and ops may read every token of their organisation; only admins may revoke them.</summary>
    public bool ReadsOrganization => IsAdmin || IsOps;
}
