using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>A program calling the resources as one Space in one mode, with every permission unless told.</summary>
internal static class ResourceApiClient
{
    public static HttpClient Create(
        ResourceApiFactory factory, string? spaceId = null, TokenMode mode = TokenMode.Test,
        params string[] permissions)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Add(TestCallerMiddleware.SpaceHeader, spaceId ?? SpaceIds.NewId());
        client.DefaultRequestHeaders.Add(TestCallerMiddleware.ModeHeader, mode.ToString());
        client.DefaultRequestHeaders.Add(TestCallerMiddleware.PermissionsHeader,
            string.Join(',', permissions.Length > 0 ? permissions : PermissionCatalog.AllPermissions));
        return client;
    }

    public static async Task<(int Status, JsonNode Body)> SendAsync(
        this HttpClient client, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: JsonSerializerOptions.Web);
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (text.Length == 0)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode} with no body.");
        }

        return ((int)response.StatusCode, JsonNode.Parse(text)!);
    }

    public static Task<(int Status, JsonNode Body)> GetJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Get, path);

    public static Task<(int Status, JsonNode Body)> PostJsonAsync(this HttpClient client, string path, object? body) =>
        client.SendAsync(HttpMethod.Post, path, body);

    public static Task<(int Status, JsonNode Body)> DeleteJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Delete, path);

    public static async Task<string> CreateIdAsync(this HttpClient client, string path, object body)
    {
        var (status, json) = await client.PostJsonAsync(path, body);
        if (status != 201)
        {
            throw new InvalidOperationException($"POST {path} answered {status}: {json.ToJsonString()}");
        }

        return (string)json["result"]!["id"]!;
    }

    public static object Amount(long value, string currency = "SLE") => new { currency, value };
}
