using Monime.Portal.Tokens;

namespace Monime.Portal.Resources;

/// <summary>A row of the API's resources: owned by one Space and one mode, paged by (created, id).</summary>
public interface IScopedResource
{
    string Id { get; }

    string SpaceId { get; }

    TokenMode Mode { get; }

    DateTimeOffset CreatedAt { get; }

    DateTimeOffset UpdatedAt { get; }
}
