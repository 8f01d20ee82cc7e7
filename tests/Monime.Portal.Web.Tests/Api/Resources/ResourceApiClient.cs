using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// A program calling the resources with a real bearer token, as one Space in one mode, with every permission
/// unless told. Each client belongs to a new Monimeer who owns the Space, so its token passes every check but
/// the ones a test sets out to fail.
/// </summary>
internal static class ResourceApiClient
{
    public static async Task<HttpClient> CreateAsync(
        ResourceApiFactory factory, string? spaceId = null, TokenMode mode = TokenMode.Test,
        params string[] permissions)
    {
        var user = await factory.CreateUserAsync();
        var space = spaceId ?? user.SpaceId;
        if (spaceId is not null)
        {
            await JoinSpaceAsync(factory, user, spaceId);
        }

        var granted = permissions.Length > 0 ? permissions : [.. PermissionCatalog.AllPermissions];
        var (token, _) = await ApiTestTokens.CreateAsync(factory, user, input =>
        {
            input.Mode = mode;
            input.Permissions = [.. granted];
            input.Services = [.. granted.Select(p => PermissionCatalog.ServiceOf(p)!.Key).Distinct()];
        });

        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Monime-Space-Id", space);
        return client;
    }

    /// <summary>Makes <paramref name="user"/> an Owner of the Space, creating the Space when it is new.</summary>
    private static Task JoinSpaceAsync(ResourceApiFactory factory, TestUser user, string spaceId) =>
        ApiTestTokens.ExecuteAsync(factory, async db =>
        {
            if (!await db.Spaces.AnyAsync(s => s.Id == spaceId))
            {
                db.Spaces.Add(new Space
                {
                    Id = spaceId,
                    Name = "Shared test Space",
                    OrganizationId = user.OrganizationId,
                    CreatedAt = DateTimeOffset.UtcNow,
                });
            }

            db.SpaceMemberships.Add(new SpaceMembership
            {
                SpaceId = spaceId,
                MonimeerId = user.Id,
                Role = SpaceRole.Owner,
                CreatedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        });

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
