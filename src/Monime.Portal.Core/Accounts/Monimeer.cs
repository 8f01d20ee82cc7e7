using Microsoft.AspNetCore.Identity;

namespace Monime.Portal.Accounts;

/// <summary>A person's account in the portal. Everyone manages their own tokens.</summary>
public sealed class Monimeer : IdentityUser
{
    public required string DisplayName { get; set; }

    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When set, the account can no longer sign in and its sessions are rejected.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
