using System.Text.Json.Serialization;

namespace Monime.Portal.Web.Api;

/// <summary>
/// RFC 7662 §2.2's answer for every token that is not active for the caller: unknown, malformed, wrong secret,
/// revoked, expired or of another organisation. One member and nothing more, so the answer tells a guesser
/// nothing about which of these it was.
/// </summary>
public sealed record InactiveTokenIntrospection([property: JsonPropertyName("active")] bool Active)
{
    public static InactiveTokenIntrospection Instance { get; } = new(false);
}
