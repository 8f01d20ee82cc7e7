namespace Monime.Portal.Web.Api;

/// <summary>
/// Marks an endpoint that answers without a token too (<c>GET /v1</c>). A token that is sent is still checked,
/// and a bad one is refused as anywhere else.
/// </summary>
public sealed record ApiOptionalAuthenticationMetadata;
