using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class SelfRotationTests(ApiAppFactory factory)
{
    [Fact]
    public async Task Rotate_WithValidToken_Returns201WithAWorkingReplacementAndTheOldStillWorking()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var rotated = await RotateAsync(client, token);

        Assert.Equal(HttpStatusCode.Created, rotated.Status);
        Assert.Equal("no-store", rotated.Message.Headers.CacheControl?.ToString());
        var result = rotated.Json.GetProperty("result");
        var replacement = result.GetProperty("token").GetString()!;
        Assert.NotEqual(token, replacement);
        Assert.Equal(id, result.GetProperty("replacesId").GetGuid());
        var withNew = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", replacement, user.SpaceId));
        var withOld = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));
        Assert.Equal(HttpStatusCode.OK, withNew.Status);
        Assert.Equal(HttpStatusCode.OK, withOld.Status);
    }

    [Fact]
    public async Task Rotate_SameSettings_ReplacementKeepsPermissionsAndSpace()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.WhitelistedSpaceId = user.SpaceId);
        using var client = factory.CreatePortalClient();

        var rotated = await RotateAsync(client, token);
        var self = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self",
            rotated.Json.GetProperty("result").GetProperty("token").GetString()));

        var result = self.Json.GetProperty("result");
        Assert.Equal(user.SpaceId, result.GetProperty("whitelistedSpaceId").GetString());
        Assert.Equal(["analytics:read", "payments:read", "payments:write"],
            result.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()));
    }

    [Fact]
    public async Task Rotate_SecondTimeWithTheOldToken_Returns409AlreadyRotated()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        await RotateAsync(client, token);

        var second = await RotateAsync(client, token);

        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal("already_rotated", second.Reason);
    }

    [Fact]
    public async Task Rotate_WithZeroGrace_OldTokenStopsWorkingAtOnce()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var rotated = await RotateAsync(client, token, """{ "gracePeriodSeconds": 0 }""");
        var withOld = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.Created, rotated.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, withOld.Status);
        Assert.Equal("token_expired", withOld.Reason);
    }

    [Theory]
    [InlineData("""{ "gracePeriodSeconds": -1 }""")]
    [InlineData("""{ "gracePeriodSeconds": 604801 }""")]
    public async Task Rotate_GraceOutOfRange_Returns400AndRotatesNothing(string body)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var refused = await RotateAsync(client, token, body);
        var again = await RotateAsync(client, token);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
    }

    [Fact]
    public async Task Rotate_Always_IsAuditedUnderTheOwner()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        await RotateAsync(client, token);

        var events = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AuditEvents.Where(e => e.TokenId == id && e.Action == AuditActions.TokenRotated).ToListAsync());
        var rotated = Assert.Single(events);
        Assert.Equal(user.Id, rotated.ActorId);
    }

    [Fact]
    public async Task Rotate_ReplayedWithIdempotencyKey_ReplaysTheAnswerWithoutTheSecret()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = "rotate-" + Guid.NewGuid().ToString("N");

        var first = await RotateAsync(client, token, key: key);
        var replay = await RotateAsync(client, token, key: key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, replay.Status);
        Assert.Equal("true", replay.Header("Idempotency-Replayed"));
        var firstResult = first.Json.GetProperty("result");
        var replayResult = replay.Json.GetProperty("result");
        Assert.Equal(firstResult.GetProperty("id").GetGuid(), replayResult.GetProperty("id").GetGuid());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, replayResult.GetProperty("token").ValueKind);
        Assert.DoesNotContain(firstResult.GetProperty("token").GetString()!, replay.Body, StringComparison.Ordinal);
    }

    private static Task<ApiResponse> RotateAsync(HttpClient client, string token, string? body = null,
        string? key = null)
    {
        var request = Request(HttpMethod.Post, "/v1/tokens/self/rotate", token);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return ApiResponse.SendAsync(client, request);
    }
}
