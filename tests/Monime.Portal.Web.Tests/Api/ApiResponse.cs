using System.Net;
using System.Text.Json;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>An API answer read once: status, headers and the parsed envelope.</summary>
internal sealed record ApiResponse(HttpStatusCode Status, HttpResponseMessage Message, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;

    public string? Reason => Json.TryGetProperty("error", out var error) ? error.GetProperty("reason").GetString() : null;

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Message.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values)
        : null;

    public string? Challenge => Message.Headers.WwwAuthenticate.Count == 0
        ? null
        : string.Join(", ", Message.Headers.WwwAuthenticate.Select(h => h.ToString()));

    public static async Task<ApiResponse> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            var message = await client.SendAsync(request);
            return new ApiResponse(message.StatusCode, message, await message.Content.ReadAsStringAsync());
        }
    }
}
