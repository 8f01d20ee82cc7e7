using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.Customers;

/// <summary>Someone a Space does business with. Not in Monime's public API; shaped like its other objects.</summary>
public sealed class Customer : IScopedResource
{
    public required string Id { get; set; }

    public required string SpaceId { get; set; }

    public TokenMode Mode { get; set; }

    public required string Name { get; set; }

    public string? Email { get; set; }

    public string? PhoneNumber { get; set; }

    public string? Reference { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
