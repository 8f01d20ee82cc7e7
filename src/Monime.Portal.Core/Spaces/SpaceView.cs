namespace Monime.Portal.Spaces;

public sealed record SpaceView(string Id, string Name, SpaceRole Role, DateTimeOffset CreatedAt);
