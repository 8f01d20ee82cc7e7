using Monime.Portal.Tokens;

namespace Monime.Portal.Resources;

/// <summary>
/// Where an API call acts: one Space, one mode. Every read and write of a resource is filtered by both, so
/// a test token never sees live rows, and a Space never sees another's.
/// </summary>
public sealed record ResourceScope(string SpaceId, TokenMode Mode);
