using System.Net;
using Monime.Portal.Spaces;

namespace Monime.Portal.Tokens;

/// <summary>
/// The facts a call is judged on. <see cref="Role"/> is the owner's role in <see cref="SpaceId"/>, null when not a
/// member; the caller looks it up only when the Space checks before it pass.
/// </summary>
public sealed record AccessRequest(
    VerifiedToken Token,
    DateTimeOffset Now,
    string? Permission,
    bool SpaceScoped,
    string? SpaceId,
    SpaceRole? Role,
    IPAddress? Address);
