using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class BearerAuthenticationTests(ApiAppFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task Call_WithoutAuthorizationHeader_Returns401WithRealmAndNoErrorCode()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("Bearer realm=\"monime\"", response.Challenge);
        Assert.Equal("missing_token", response.Reason);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal(401, response.Json.GetProperty("error").GetProperty("code").GetInt32());
    }

    [Theory]
    [InlineData("Bearer ", null)]
    [InlineData("Basic dXNlcjpwYXNz", null)]
    [InlineData("Bearer a b", null)]
    [InlineData(null, "?access_token=mon_x")]
    [InlineData("VALID", "?access_token=VALID")]
    public async Task Call_WithBadAuthorizationForm_Returns400InvalidRequest(string? header, string? query)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tokens/self"
            + (query?.Replace("VALID", token, StringComparison.Ordinal) ?? ""));
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", header.Replace("VALID", $"Bearer {token}",
                StringComparison.Ordinal));
        }

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request", response.Reason);
    }

    [Fact]
    public async Task Call_WithValidTokenOnlyInQueryOrForm_IsRefusedAndNeverAuthorised()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var before = await Argon2EvaluationsAsync(factory);
        var cases = new (HttpMethod Method, string Path, string? Form)[]
        {
            (HttpMethod.Get, "/v1/tokens/self?access_token=VALID", null),
            (HttpMethod.Get, "/v1/test/payments?access_token=VALID", null),
            (HttpMethod.Get, "/v1/tokens/self?ACCESS_TOKEN=VALID", null),
            (HttpMethod.Get, "/v1?access_token=VALID", null),
            (HttpMethod.Post, "/v1/test/payments?access_token=VALID", null),
            (HttpMethod.Post, "/v1/test/payments", "access_token=VALID"),
            (HttpMethod.Post, "/v1/test/payments?access_token=VALID", "access_token=VALID"),
            (HttpMethod.Post, "/v1/tokens/self/rotate", "access_token=VALID"),
        };

        var answers = new List<(string Case, bool InQuery, ApiResponse Response)>();
        foreach (var (method, path, form) in cases)
        {
            var request = Request(method, path.Replace("VALID", token, StringComparison.Ordinal), null, user.SpaceId);
            if (form is not null)
            {
                request.Content = new StringContent(form.Replace("VALID", token, StringComparison.Ordinal),
                    Encoding.UTF8, "application/x-www-form-urlencoded");
            }

            answers.Add(($"{method} {path} {form}", path.Contains("access_token", StringComparison.OrdinalIgnoreCase),
                await ApiResponse.SendAsync(client, request)));
        }

        var accepted = answers.Count(answer => (int)answer.Response.Status < 400);
        output.WriteLine($"B6: valid tokens sent only in the query or a form accepted = {accepted} of {answers.Count}");
        foreach (var (name, _, response) in answers)
        {
            output.WriteLine($"B6: {name} -> {(int)response.Status} {response.Reason}");
        }

        var replaced = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.Where(t => t.Id == id).Select(t => t.ReplacedById).SingleAsync());
        Assert.Equal(0, accepted);
        Assert.All(answers, answer =>
        {
            // A token in the URL is refused outright; one in a form is not looked at, so the call has none.
            Assert.Equal(answer.InQuery ? (HttpStatusCode.BadRequest, "invalid_request")
                : (HttpStatusCode.Unauthorized, "missing_token"), (answer.Response.Status, answer.Response.Reason));
            Assert.False(answer.Response.Json.GetProperty("success").GetBoolean());
            Assert.DoesNotContain(id.ToString(), answer.Response.Body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(token[..^4], answer.Response.Body, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(factory.Usage.Calls, call => call.TokenId == id);
        Assert.Equal(before, await Argon2EvaluationsAsync(factory));
        Assert.Null(replaced);
    }

    [Fact]
    public async Task Call_WithTwoAuthorizationHeaders_Returns400InvalidRequest()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tokens/self");
        request.Headers.TryAddWithoutValidation("Authorization", [$"Bearer {token}", $"Bearer {token}"]);

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_request", response.Reason);
    }

    [Fact]
    public async Task Call_WithMalformedOrMutatedTokens_Returns401WithoutRunningArgon2()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        var candidates = new List<string> { "mon_", "mon_test_", "x", new('a', 8 * 1024), token + "a", token[..^1] };
        for (var i = 0; i < token.Length; i++)
        {
            var replacement = token[i] == 'A' ? 'B' : 'A';
            candidates.Add(token[..i] + replacement + token[(i + 1)..]);
        }

        candidates.AddRange(Enumerable.Range(0, 200).Select(_ => "mon_" + Base62.Random(TokenFormat.BodyLength)));
        using var client = factory.CreatePortalClient();
        var before = await Argon2EvaluationsAsync(factory);

        var statuses = new List<HttpStatusCode>();
        foreach (var candidate in candidates)
        {
            var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", candidate));
            Assert.Equal("invalid_token", response.Reason);
            Assert.Contains("error=\"invalid_token\"", response.Challenge, StringComparison.Ordinal);
            statuses.Add(response.Status);
        }

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        Assert.Equal(before, await Argon2EvaluationsAsync(factory));
    }

    [Fact]
    public async Task Call_UnknownLookupVersusWrongSecret_SameAnswerAndZeroVersusOneArgon2()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var beforeUnknown = await Argon2EvaluationsAsync(factory);
        var unknown = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.Random()));
        var beforeWrong = await Argon2EvaluationsAsync(factory);
        var wrong = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.WithWrongSecret(token)));
        var after = await Argon2EvaluationsAsync(factory);

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(unknown.Status, wrong.Status);
        Assert.Equal(unknown.Body, wrong.Body);
        Assert.Equal(unknown.Challenge, wrong.Challenge);
        Assert.Equal(0, beforeWrong - beforeUnknown);
        Assert.Equal(1, after - beforeWrong);
    }

    [Fact]
    public async Task Call_RepeatedWithinCacheLifetime_RunsArgon2Once()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var before = await Argon2EvaluationsAsync(factory);

        for (var i = 0; i < 20; i++)
        {
            var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token));
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }

        Assert.Equal(1, await Argon2EvaluationsAsync(factory) - before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3600)]
    public async Task Call_TokenExpiredBySeconds_Returns401TokenExpired(int secondsAgo)
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        var expiredAt = DateTimeOffset.UtcNow.AddSeconds(-secondsAgo);
        await ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, expiredAt)));
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("token_expired", response.Reason);
        Assert.Contains("error=\"invalid_token\"", response.Challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_AfterRevokeOnSameInstance_RefusedOnVeryNextCall()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var first = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token));

        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(ActorOf(user), id, "leaked"));
        var next = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token));

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, next.Status);
        Assert.Equal("token_revoked", next.Reason);
    }

    [Fact]
    public async Task Call_AfterRotateWithoutGrace_NewWorksAndOldIsRefused()
    {
        var user = await factory.CreateUserAsync();
        var (oldToken, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", oldToken));

        var rotated = await RotateAsync(user, id, RotationGrace.Now);
        var old = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", oldToken));
        var fresh = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", rotated.Issued!.Value));

        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
        Assert.Equal("token_expired", old.Reason);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    [Fact]
    public async Task Call_AfterRotateWithGrace_BothWork()
    {
        var user = await factory.CreateUserAsync();
        var (oldToken, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var rotated = await RotateAsync(user, id, RotationGrace.OneHour);
        var old = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", oldToken));
        var fresh = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", rotated.Issued!.Value));

        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
    }

    [Fact]
    public async Task Call_TestPrefixOnLiveToken_Returns401InvalidToken()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        var parsed = ForgedTokens.Parse(token);
        var crossMode = ForgedTokens.Compose(TokenMode.Test, parsed.LookupId, parsed.Secret);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", crossMode));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_token", response.Reason);
    }

    [Fact]
    public async Task Call_WithKnownToken_RecordsUsageWithRouteTemplateAndNoSecret()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        await ApiResponse.SendAsync(client,
            Request(HttpMethod.Delete, "/v1/test/payments/pay_123", token, user.SpaceId, "198.51.100.4"));
        await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/test/payments", token));

        var calls = factory.Usage.Calls.Where(c => c.TokenId == id).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal("DELETE /v1/test/payments/{id}", calls[0].Endpoint);
        Assert.Equal(200, calls[0].StatusCode);
        Assert.Equal("198.51.100.4", calls[0].Ip);
        Assert.Equal(user.SpaceId, calls[0].SpaceId);
        Assert.Equal("payments:write", calls[0].Permission);
        Assert.Equal("missing_space", calls[1].Reason);
        Assert.StartsWith("req_", calls[1].RequestId, StringComparison.Ordinal);
    }

    /// <summary>
    /// The usage flusher writes the token's last-use columns in the background, and rotation uses optimistic
    /// concurrency: when the two meet, rotation says "try again", as it would to a person. So the test does.
    /// </summary>
    private async Task<RotateTokenResult> RotateAsync(TestUser user, Guid id, RotationGrace grace)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
                .RotateAsync(ActorOf(user), id, grace));
            if (result.Issued is not null || attempt == 3)
            {
                return result;
            }
        }
    }
}
