using System.Net;
using System.Text;
using Monime.Portal.Tokens;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiEnvelopeTests(ApiAppFactory factory)
{
    [Fact]
    public async Task Get_UnknownRouteUnderV1_Returns404Envelope()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/no-such-thing", null));

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("not_found", response.Reason);
        Assert.Equal(404, response.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.NotNull(response.Header("Monime-Request-Id"));
    }

    [Fact]
    public async Task Delete_OnGetOnlyEndpoint_Returns405Envelope()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Delete, "/v1", null));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("method_not_allowed", response.Reason);
        Assert.NotNull(response.Header("Monime-Request-Id"));
    }

    [Fact]
    public async Task Post_EndpointThrows_Returns500GenericEnvelopeWithoutDetails()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Post, "/v1/test/boom", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.InternalServerError, response.Status);
        Assert.Equal("internal_error", response.Reason);
        Assert.DoesNotContain("SELECT", response.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", response.Body, StringComparison.Ordinal);
        Assert.Contains(response.Header("Monime-Request-Id")!, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_EndpointAnswersBodilessError_GetsEnvelope()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/silent-error", token, user.SpaceId));

        Assert.Equal((HttpStatusCode)418, response.Status);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
    }

    [Fact]
    public async Task Delete_Succeeds_AnswersWithBody()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Delete, "/v1/test/payments/pay_1", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(0, response.Json.GetProperty("messages").GetArrayLength());
    }

    [Theory]
    [InlineData(null, "caph.2025-08-23")]
    [InlineData("caph.2025-06-20", "caph.2025-06-20")]
    [InlineData("caph.2025-08-23", "caph.2025-08-23")]
    public async Task Get_WithVersionHeader_UsesAndEchoesRelease(string? requested, string expected)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId);
        if (requested is not null)
        {
            request.Headers.Add("Monime-Version", requested);
        }

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.Header("Monime-Version"));
        Assert.Equal(expected, response.Json.GetProperty("result").GetProperty("apiRelease").GetString());
    }

    [Fact]
    public async Task Get_TokenDefaultRelease_IsUsedWithoutHeader()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.ApiRelease = "caph.2025-06-20");
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1", token));

        Assert.Equal("caph.2025-06-20", response.Header("Monime-Version"));
    }

    [Fact]
    public async Task Get_WithUnknownVersion_Returns400UnsupportedVersion()
    {
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Get, "/v1", null);
        request.Headers.Add("Monime-Version", "caph.1999-01-01");

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unsupported_version", response.Reason);
    }

    [Fact]
    public async Task Get_SelfTestAnonymous_ReportsUnauthenticated()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1", null, peer: "198.51.100.7"));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var result = response.Json.GetProperty("result");
        Assert.False(result.GetProperty("authenticated").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("environment").ValueKind);
        Assert.Equal("198.51.100.7", result.GetProperty("clientIp").GetString());
        Assert.Equal("caph.2025-08-23", result.GetProperty("apiRelease").GetString());
    }

    [Fact]
    public async Task Get_SelfTestWithTestToken_ReportsEnvironmentAndMaskedToken()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.Mode = Monime.Portal.Tokens.TokenMode.Test);
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Get, "/v1", token);
        request.Content = new StringContent("", Encoding.UTF8, "application/json");

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var result = response.Json.GetProperty("result");
        Assert.True(result.GetProperty("authenticated").GetBoolean());
        Assert.Equal("test", result.GetProperty("environment").GetString());
        var masked = token[..(TokenFormat.TestPrefix.Length + TokenFormat.LookupLength)] + "…";
        Assert.Equal(masked, result.GetProperty("token").GetString());
        Assert.DoesNotContain(token, response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_SelfTestWithInvalidToken_Returns401()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1", ForgedTokens.Random()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_token", response.Reason);
    }

    [Fact]
    public async Task Get_WithHostileOrigin_OriginNotReflected()
    {
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Get, "/v1", null);
        request.Headers.Add("Origin", "https://evil.example");

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Null(response.Header("Access-Control-Allow-Origin"));
        Assert.Null(response.Header("Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task Post_BodyOverLimit_Returns413Envelope()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Post, "/v1/test/payments", token, user.SpaceId);
        request.Content = new StringContent(new string('x', 2 * 1024 * 1024), Encoding.UTF8, "application/json");

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("payload_too_large", response.Reason);
    }

    [Fact]
    public async Task Get_OpenApiDocument_DescribesBearerSchemeAndPermissions()
    {
        using var client = factory.CreatePortalClient();

        var json = await client.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"bearer\"", json, StringComparison.Ordinal);
        Assert.Contains("x-monime-permission", json, StringComparison.Ordinal);
        Assert.Contains("Monime-Space-Id", json, StringComparison.Ordinal);
        Assert.Contains("/v1/tokens/self", json, StringComparison.Ordinal);
    }
}
