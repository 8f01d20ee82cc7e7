using Monime.Portal.Accounts;

namespace Monime.Portal.Spaces;

public sealed class SpaceMembership
{
    public required string SpaceId { get; set; }

    public Space? Space { get; set; }

    public required string MonimeerId { get; set; }

    public Monimeer? Monimeer { get; set; }

    public SpaceRole Role { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
