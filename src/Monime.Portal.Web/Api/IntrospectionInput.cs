namespace Monime.Portal.Web.Api;

/// <summary>
/// The JSON form of an introspection request. RFC 7662 sends <c>token</c> form-encoded; SDKs that post JSON
/// everywhere are served too. <c>token_type_hint</c> is accepted and ignored, as the RFC allows.
/// </summary>
public sealed record IntrospectionInput(string? Token);
