using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Monime.Portal.Api;
using Monime.Portal.Testing;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class IdempotencyTests(ApiAppFactory factory)
{
    [Fact]
    public async Task Post_SameKeySameRequest_ReplaysFirstAnswer()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = Guid.NewGuid().ToString();

        var first = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{\"amount\":1}"));
        var second = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{\"amount\":1}"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Equal(first.Body, second.Body);
        Assert.Null(first.Header("Idempotency-Replayed"));
        Assert.Equal("true", second.Header("Idempotency-Replayed"));
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Returns409KeyInUse()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = Guid.NewGuid().ToString("N");

        await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{\"amount\":1}"));
        var conflict = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{\"amount\":2}"));

        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal("idempotency_key_in_use", conflict.Reason);
    }

    [Fact]
    public async Task Post_SameKeyOtherOwner_RunsSeparately()
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        var (otherToken, _) = await CreateAsync(factory, other);
        using var client = factory.CreatePortalClient();
        var key = Guid.NewGuid().ToString();

        var first = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}"));
        var second = await ApiResponse.SendAsync(client, Post(otherToken, other.SpaceId, key, "{}"));

        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.Null(second.Header("Idempotency-Replayed"));
        Assert.NotEqual(first.Body, second.Body);
    }

    [Fact]
    public async Task Post_ConcurrentDuplicates_OneRunsOthersReplayOrWait()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = Guid.NewGuid().ToString();
        await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1", token));

        var responses = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}"))));

        var created = responses.Where(r => r.Status == HttpStatusCode.Created).ToList();
        Assert.Single(created, r => r.Header("Idempotency-Replayed") is null);
        Assert.All(responses, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict));
        Assert.Single(created.Select(r => r.Body).Distinct());
    }

    [Fact]
    public async Task Post_ThrowingEndpoint_500IsStoredAndReplayed()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = Guid.NewGuid().ToString();

        var first = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}", "/v1/test/boom"));
        var second = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}", "/v1/test/boom"));

        Assert.Equal(HttpStatusCode.InternalServerError, first.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, second.Status);
        Assert.Equal("true", second.Header("Idempotency-Replayed"));
        Assert.Equal(first.Body, second.Body);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("semi;colon")]
    public async Task Post_InvalidKey_Returns400(string key)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_idempotency_key", response.Reason);
    }

    [Fact]
    public async Task Post_KeyOf255Characters_IsAcceptedAndReplayed()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var key = new string('a', 255 - 32) + Guid.NewGuid().ToString("N");

        var first = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}"));
        var second = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, key, "{}"));

        Assert.Equal(255, key.Length);
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal("true", second.Header("Idempotency-Replayed"));
        Assert.Equal(first.Body, second.Body);
    }

    [Fact]
    public async Task Post_KeyOf256Characters_Returns400SayingTheLimit()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, new string('a', 256), "{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("invalid_idempotency_key", response.Reason);
        Assert.Contains("1 to 255", response.Json.GetProperty("error").GetProperty("message").GetString(),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Prune_RecordOlderThan24Hours_IsRemovedAndItsKeyRunsAgain()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var (old, recent) = (Guid.NewGuid().ToString("N"), Guid.NewGuid().ToString("N"));
        await ApiResponse.SendAsync(client, Post(token, user.SpaceId, old, "{\"amount\":1}"));
        await ApiResponse.SendAsync(client, Post(token, user.SpaceId, recent, "{\"amount\":1}"));
        await AgeAsync(old, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await AgeAsync(recent, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));

        var pruned = await factory.Services.GetServices<IHostedService>().OfType<IdempotencyPruner>().Single()
            .PruneAsync(CancellationToken.None);
        var oldAgain = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, old, "{\"amount\":2}"));
        var recentAgain = await ApiResponse.SendAsync(client, Post(token, user.SpaceId, recent, "{\"amount\":2}"));

        Assert.True(pruned >= 1);
        Assert.Equal(HttpStatusCode.Created, oldAgain.Status);
        Assert.Null(oldAgain.Header("Idempotency-Replayed"));
        Assert.Equal(HttpStatusCode.Conflict, recentAgain.Status);
        Assert.Equal("idempotency_key_in_use", recentAgain.Reason);
    }

    /// <summary>
    /// Moves a record's creation back by <paramref name="age"/>, as if it had been made that long ago.
    /// </summary>
    private static async Task AgeAsync(string key, TimeSpan age)
    {
        await using var db = await TestDatabase.OpenAsync();
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "IdempotencyRecords" SET "CreatedAt" = now() - {age} WHERE "Key" = {key}""");
    }

    private static HttpRequestMessage Post(
        string token, string spaceId, string key, string body, string path = "/v1/test/payments")
    {
        var request = Request(HttpMethod.Post, path, token, spaceId);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        return request;
    }
}
