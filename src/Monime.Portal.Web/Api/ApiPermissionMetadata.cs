namespace Monime.Portal.Web.Api;

/// <summary>
/// Endpoint metadata read by the bearer-token checks: the permission a call needs and whether it acts inside a
/// Space (and so needs <c>Monime-Space-Id</c>). Added with <see cref="ApiEndpointConventions.RequirePermission"/>.
/// </summary>
public sealed record ApiPermissionMetadata(string Permission, bool SpaceScoped = true);
