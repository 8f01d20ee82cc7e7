using System.Text.Json.Serialization;

namespace Monime.Portal.Web.Api;

/// <summary>
/// RFC 7662's answer for a token that may be used right now, in the RFC's snake_case rather than the envelope's
/// camelCase, so that an OAuth library reads it unchanged. The IP whitelist is left out on purpose: the API never
/// reveals it.
/// </summary>
public sealed record ActiveTokenIntrospection(
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("iat")] long IssuedAt,
    [property: JsonPropertyName("exp"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? ExpiresAt,
    [property: JsonPropertyName("sub")] string Subject,
    [property: JsonPropertyName("mode")] string Mode,
    [property: JsonPropertyName("whitelisted_space_id")] string? WhitelistedSpaceId);
