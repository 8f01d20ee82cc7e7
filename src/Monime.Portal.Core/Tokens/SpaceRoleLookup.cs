using Monime.Portal.Spaces;

namespace Monime.Portal.Tokens;

/// <summary>A token owner's role in a Space: null when not a member; <see cref="Available"/> false when unknown.</summary>
public sealed record SpaceRoleLookup(bool Available, SpaceRole? Role)
{
    public static SpaceRoleLookup Unavailable { get; } = new(false, null);
}
