namespace Monime.Portal.Web.Api;

/// <summary>
/// One API endpoint as usage records name it (<c>GET /v1/payments/{id}</c>), with the permission it needs
/// (none for the token's own endpoints) and whether it acts inside a Space.
/// </summary>
public sealed record ApiEndpointInfo(string Name, string? Permission, bool SpaceScoped);
