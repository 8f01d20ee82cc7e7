using System.Text.Json;
using System.Text.Json.Nodes;

namespace Monime.Portal.Web.Api;

/// <summary>Blanks <c>result.token</c> in a stored answer (<see cref="ApiSecretResponseMetadata"/>).</summary>
internal static class ApiSecretRedaction
{
    public static string Redact(string body)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            // Not an envelope, so not an answer that carries a secret either.
            return body;
        }

        if (parsed is not JsonObject envelope || envelope["result"] is not JsonObject result)
        {
            return body;
        }

        result["token"] = null;
        return envelope.ToJsonString();
    }
}
