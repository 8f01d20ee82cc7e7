using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// <c>POST /v1/tokens/introspect</c> (RFC 7662): who may ask, the bare <c>{"active":false}</c> for every dead or
/// foreign token, the fields of a live one, and the failure throttle it shares with bearer authentication.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class TokenIntrospectionTests(ApiAppFactory factory, ITestOutputHelper output)
{
    private const string Path = "/v1/tokens/introspect";

    [Fact]
    public async Task Introspect_WithoutBearerToken_Returns401WithChallengeAndEnvelope()
    {
        var user = await factory.CreateUserAsync();
        var (inspected, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await IntrospectAsync(client, null, inspected);

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer realm=\"monime\"", response.Challenge);
        Assert.Equal("missing_token", response.Reason);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.DoesNotContain(inspected, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Introspect_DeadOrForeignTokens_AnswerActiveFalseAndNothingElse()
    {
        var user = await factory.CreateUserAsync();
        var stranger = await factory.CreateUserAsync();
        var (caller, _) = await CreateAsync(factory, user);
        var (revoked, revokedId) = await CreateAsync(factory, user);
        var (expired, expiredId) = await CreateAsync(factory, user);
        var (live, _) = await CreateAsync(factory, user);
        var (foreign, _) = await CreateAsync(factory, stranger);
        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(ActorOf(user), revokedId, "leaked"));
        var past = DateTimeOffset.UtcNow.AddSeconds(-1);
        await ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == expiredId)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, past)));
        var parsedLive = ForgedTokens.Parse(live);
        var cases = new Dictionary<string, string>
        {
            ["unknown"] = ForgedTokens.Random(),
            ["malformed"] = "mon_not-a-token",
            ["checksum"] = live[..^1] + (live[^1] == 'A' ? 'B' : 'A'),
            ["revoked"] = revoked,
            ["expired"] = expired,
            ["wrong secret"] = ForgedTokens.WithWrongSecret(live),
            ["other mode"] = ForgedTokens.Compose(TokenMode.Test, parsedLive.LookupId, parsedLive.Secret),
            ["other organisation"] = foreign,
        };
        using var client = factory.CreatePortalClient();

        var extraFields = 0;
        foreach (var (name, token) in cases)
        {
            foreach (var asJson in new[] { false, true })
            {
                var response = await IntrospectAsync(client, caller, token, asJson);

                var members = response.Json.EnumerateObject().ToList();
                extraFields += members.Count(member => member.Name != "active");
                Assert.True(response.Status == HttpStatusCode.OK, $"{name}: {response.Status}");
                Assert.Equal("{\"active\":false}", response.Body);
                Assert.False(members.Single().Value.GetBoolean());
            }
        }

        output.WriteLine($"B14 dead or foreign tokens: {cases.Count} kinds x 2 encodings; extra fields: {extraFields}");
        Assert.Equal(0, extraFields);
    }

    // Test tokens may not be whitelisted to a Space, so each mode shows one form of whitelisted_space_id.
    [Theory]
    [InlineData(false, TokenMode.Live)]
    [InlineData(true, TokenMode.Test)]
    public async Task Introspect_ActiveTokenOfOwnOrganisation_ReturnsRfc7662FieldsWithoutTheSecret(
        bool asJson, TokenMode mode)
    {
        var user = await factory.CreateUserAsync();
        var (caller, _) = await CreateAsync(factory, user, input => input.Permissions = ["payments:read"]);
        var (inspected, id) = await CreateAsync(factory, user, input =>
        {
            input.Mode = mode;
            input.WhitelistedSpaceId = mode == TokenMode.Live ? user.SpaceId : null;
        });
        var row = await factory.WithServicesAsync(services => services.GetRequiredService<Data.PortalDbContext>()
            .AccessTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        using var client = factory.CreatePortalClient();

        var response = await IntrospectAsync(client, caller, inspected, asJson);

        var json = response.Json;
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(json.GetProperty("active").GetBoolean());
        Assert.Equal("analytics:read payments:read payments:write", json.GetProperty("scope").GetString());
        Assert.Equal(id.ToString(), json.GetProperty("client_id").GetString());
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());
        Assert.Equal(row.CreatedAt.ToUnixTimeSeconds(), json.GetProperty("iat").GetInt64());
        Assert.Equal(row.ExpiresAt!.Value.ToUnixTimeSeconds(), json.GetProperty("exp").GetInt64());
        Assert.Equal(user.Id, json.GetProperty("sub").GetString());
        Assert.Equal(mode == TokenMode.Live ? "live" : "test", json.GetProperty("mode").GetString());
        Assert.Equal(row.WhitelistedSpaceId, json.GetProperty("whitelisted_space_id").GetString());
        Assert.False(json.TryGetProperty("success", out _));
        Assert.DoesNotContain(ForgedTokens.Parse(inspected).Secret, response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("ip", json.EnumerateObject().Select(member => member.Name));
    }

    [Theory]
    [InlineData("application/x-www-form-urlencoded", "", 400)]
    [InlineData("application/x-www-form-urlencoded", "token=a&token=b", 400)]
    [InlineData("application/json", "{}", 400)]
    [InlineData("application/json", "{\"token\": 42}", 400)]
    [InlineData("application/json", "[", 400)]
    [InlineData("text/plain", "token=x", 415)]
    [InlineData(null, null, 400)]
    public async Task Introspect_MissingOrUnreadableTokenParameter_RefusedWithEnvelope(
        string? contentType, string? body, int status)
    {
        var user = await factory.CreateUserAsync();
        var (caller, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Post, Path, caller);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, contentType!);
        }

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(status, (int)response.Status);
        Assert.Equal("invalid_request", response.Reason);
    }

    [Fact]
    public async Task Introspect_WrongSecrets_CountAgainstTheInspectedTokenLikeRefusedCalls()
    {
        var user = await factory.CreateUserAsync();
        var (caller, _) = await CreateAsync(factory, user);
        var (inspected, _) = await CreateAsync(factory, user);
        var limit = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Api.ApiOptions>>()
            .Value.FailuresPerTokenPerMinute;
        using var client = factory.CreatePortalClient();
        await IntrospectAsync(client, caller, inspected);
        var before = await Argon2EvaluationsAsync(factory);

        var answers = new List<ApiResponse>();
        for (var i = 0; i <= limit; i++)
        {
            answers.Add(await IntrospectAsync(client, caller, ForgedTokens.WithWrongSecret(inspected)));
        }

        var argon2 = await Argon2EvaluationsAsync(factory) - before;
        var bearer = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.WithWrongSecret(inspected)));
        var stillGood = await IntrospectAsync(client, caller, inspected);
        output.WriteLine($"B14 throttle: {limit} wrong secrets answered inactive, then {answers[^1].Status}; "
            + $"Argon2id evaluations: {argon2}");
        Assert.All(answers.Take(limit), answer => Assert.Equal("{\"active\":false}", answer.Body));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Status);
        Assert.Equal("auth-failures-token", answers[^1].Header("Monime-Rate-Limit"));
        Assert.True(int.Parse(answers[^1].Header("Retry-After")!, CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(limit, argon2);
        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.Status);
        Assert.True(stillGood.Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task GetOpenApiDocument_ListsIntrospection()
    {
        using var client = factory.CreatePortalClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        var operation = JsonDocument.Parse(json).RootElement.GetProperty("paths").GetProperty(Path).GetProperty("post");
        Assert.Contains("RFC 7662", operation.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(operation.GetProperty("requestBody").GetProperty("content")
            .TryGetProperty("application/x-www-form-urlencoded", out _));
        Assert.DoesNotContain("Idempotency-Key", operation.GetRawText(), StringComparison.Ordinal);
    }

    internal static Task<ApiResponse> IntrospectAsync(
        HttpClient client, string? caller, string inspected, bool asJson = false, string? peer = null)
    {
        var request = Request(HttpMethod.Post, Path, caller, peer: peer);
        request.Content = asJson
            ? new StringContent(JsonSerializer.Serialize(new { token = inspected }), Encoding.UTF8, "application/json")
            : new FormUrlEncodedContent([new("token", inspected)]);
        return ApiResponse.SendAsync(client, request);
    }
}
