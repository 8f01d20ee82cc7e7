using Monime.Portal.Accounts;

namespace Monime.Portal.Spaces;

/// <summary>A business workspace, identified as <c>spc_</c> followed by base62.</summary>
public sealed class Space
{
    public required string Id { get; set; }

    public required string Name { get; set; }

    public Guid OrganizationId { get; set; }

    public Organization? Organization { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<SpaceMembership> Memberships { get; } = [];
}
