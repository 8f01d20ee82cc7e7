using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Monime.Portal.Web.Tests.Api;
using Npgsql;
using Xunit;

namespace Monime.Portal.Web.Tests.ScaleOut;

/// <summary>
/// Two portal instances on one PostgreSQL, as behind a load balancer: a browser's cookies and forms work on
/// either, a revocation on one reaches the other within a second (also after its LISTEN connection was cut), and
/// so does an admin's disabling of a token's owner; usage recorded on both adds up exactly.
/// </summary>
public sealed class TwoInstanceTests(ScaleOutCluster cluster) : IClassFixture<ScaleOutCluster>
{
    private static readonly TimeSpan s_propagationLimit = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task SignIn_OnOneInstance_CookieAndFormsWorkOnTheOther()
    {
        var user = await cluster.A.CreateUserAsync();
        var (_, tokenId) = await ApiTestTokens.CreateAsync(cluster.A, user);
        var jar = new CookieContainer();
        using var onA = Client(cluster.A, jar);
        using var onB = Client(cluster.B, jar);

        // Sign-in form rendered by A, posted to B: the antiforgery pair made by A is accepted by B.
        using var signIn = await PostFormFromAsync(onA, onB, "/Account/Login", "/Account/Login", new()
        {
            ["Input.Email"] = user.Email,
            ["Input.Password"] = user.Password,
        });
        using var tokensOnA = await onA.GetAsync("/Tokens");
        using var tokensOnB = await onB.GetAsync("/Tokens");

        // A signed-in form rendered by A, posted to B.
        using var revoke = await PostFormFromAsync(onA, onB, $"/Tokens/{tokenId}", $"/Tokens/{tokenId}?handler=Revoke",
            new() { ["Reason"] = "Moved between instances" });
        var revokedAt = await cluster.A.WithServicesAsync(services => services
            .GetRequiredService<Monime.Portal.Data.PortalDbContext>().AccessTokens
            .Where(t => t.Id == tokenId).Select(t => t.RevokedAt).SingleAsync());

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokensOnA.StatusCode);
        Assert.Equal(HttpStatusCode.OK, tokensOnB.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.NotNull(revokedAt);
    }

    [Theory]
    [InlineData("revocation")]
    [InlineData("owner disabled")]
    public async Task Change_OnOneInstance_TokenRefusedByTheOtherWithinOneSecond(string change)
    {
        var user = await cluster.A.CreateUserAsync();
        var (token, tokenId) = await ApiTestTokens.CreateAsync(cluster.A, user);
        using var apiA = cluster.A.CreatePortalClient();
        using var apiB = cluster.B.CreatePortalClient();
        await WarmAsync(apiA, token);
        await WarmAsync(apiB, token);

        var (reached, refused, lateOnB) = await ChangeAndWatchAsync(
            change == "revocation" ? Revoke(user, tokenId) : DisableOwner(user), token, apiB);
        var sameNode = await StatusAsync(apiA, token);

        AssertPropagated(reached, refused, lateOnB);
        Assert.Equal(HttpStatusCode.Unauthorized, sameNode);
    }

    [Fact]
    public async Task Revoke_AfterOtherInstanceLostItsListenConnection_StillReachesItWithinOneSecond()
    {
        var user = await cluster.A.CreateUserAsync();
        var (token, tokenId) = await ApiTestTokens.CreateAsync(cluster.A, user);
        var (sentinel, _) = await ApiTestTokens.CreateAsync(cluster.A, user);
        using var apiB = cluster.B.CreatePortalClient();
        await WarmAsync(apiB, sentinel);
        var before = await ListenerPidAsync(cluster.B.InstanceName, except: null, TimeSpan.FromSeconds(10));

        await ExecuteAsync($"SELECT pg_terminate_backend({before})");
        var after = await ListenerPidAsync(cluster.B.InstanceName, except: before, TimeSpan.FromSeconds(15));

        // Back to listening, B clears its cache a moment after the new LISTEN shows in pg_stat_activity; a token
        // warmed before that moment would be cleared too. The sentinel, known to B until then, shows it has passed.
        await WaitUntilForgottenAsync(cluster.B, sentinel, TimeSpan.FromSeconds(10));
        await WarmAsync(apiB, token);
        var (reached, refused, lateOnB) = await ChangeAndWatchAsync(Revoke(user, tokenId), token, apiB);

        Assert.NotEqual(before, after);
        AssertPropagated(reached, refused, lateOnB);
    }

    [Fact]
    public async Task Usage_FromBothInstances_AddsUpExactly()
    {
        const int CallsPerInstance = 150;
        var user = await cluster.A.CreateUserAsync();
        var (token, tokenId) = await ApiTestTokens.CreateAsync(cluster.A, user);
        using var apiA = cluster.A.CreatePortalClient();
        using var apiB = cluster.B.CreatePortalClient();

        var statuses = await Task.WhenAll(
            Enumerable.Range(0, CallsPerInstance).Select(_ => StatusAsync(apiA, token))
                .Concat(Enumerable.Range(0, CallsPerInstance).Select(_ => StatusAsync(apiB, token))));
        var total = await FlushBothAndSumAsync(tokenId, expected: 2 * CallsPerInstance);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(2 * CallsPerInstance, total);
    }

    /// <summary>
    /// The revocation must reach B's cache, and B must refuse the token, within a second of the commit; B
    /// needs no Argon2id for that refusal, as the secret was already proven against the unchanged hash.
    /// </summary>
    private static void AssertPropagated(TimeSpan reached, TimeSpan refused, int lateSuccesses)
    {
        Assert.True(reached < s_propagationLimit, $"The revocation reached B after {reached.TotalMilliseconds} ms.");
        Assert.True(refused < s_propagationLimit, $"B refused the token after {refused.TotalMilliseconds} ms.");
        Assert.Equal(0, lateSuccesses);
    }

    private static HttpClient Client(ScaleOutAppFactory factory, CookieContainer jar) =>
        factory.CreateDefaultClient(new Uri("https://localhost"), new CookieContainerHandler(jar));

    private static async Task<HttpResponseMessage> PostFormFromAsync(
        HttpClient renderer, HttpClient receiver, string formPage, string action, Dictionary<string, string> fields)
    {
        var html = await renderer.GetStringAsync(formPage);
        fields["__RequestVerificationToken"] = PortalClientExtensions.AntiforgeryToken(html);
        using var content = new FormUrlEncodedContent(fields);
        return await receiver.PostAsync(action, content);
    }

    private static async Task WarmAsync(HttpClient api, string token) =>
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, token));

    private static async Task<HttpStatusCode> StatusAsync(HttpClient api, string token)
    {
        using var request = ApiTestTokens.Request(HttpMethod.Get, "/v1/tokens/self", token);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }

    private Func<Task> Revoke(TestUser user, Guid tokenId) => async () =>
    {
        var result = await cluster.A.WithServicesAsync(services =>
            services.GetRequiredService<TokenService>().RevokeAsync(ApiTestTokens.ActorOf(user), tokenId, null));
        Assert.Equal(TokenChangeResult.Changed, result);
    };

    /// <summary>An admin of the user's organisation disables the user through A.</summary>
    private Func<Task> DisableOwner(TestUser user) => async () =>
    {
        var admin = await cluster.A.CreateUserAsync();
        var actor = new PortalActor(admin.Id, user.OrganizationId, IsAdmin: true, IsOps: false, "127.0.0.1");
        var result = await cluster.A.WithServicesAsync(services => services
            .GetRequiredService<MonimeerAdministration>().SetDisabledAsync(actor, user.Id, disabled: true));
        Assert.Equal(AdministrationOutcome.Changed, result.Outcome);
    };

    /// <summary>
    /// Makes the change on A (it returns once committed), then watches B's verification cache every 10 ms without
    /// calling B (a call would fill the cache again). Returns the time from the commit until B no longer holds
    /// the token as verified, the time until B's first answer after that, which is a refusal when it is 401, and
    /// how many of B's answers after the change reached it were successes (there must be none).
    /// </summary>
    private async Task<(TimeSpan Reached, TimeSpan Refused, int LateSuccesses)> ChangeAndWatchAsync(
        Func<Task> change, string token, HttpClient apiB)
    {
        Assert.True(TokenFormat.TryParse(token, out var parsed));
        var verifierB = cluster.B.Services.GetRequiredService<TokenVerifier>();
        Assert.True(verifierB.IsKnownSecret(parsed));

        await change();
        var committed = Stopwatch.GetTimestamp();

        var reached = TimeSpan.MaxValue;
        while (Stopwatch.GetElapsedTime(committed) < TimeSpan.FromSeconds(5))
        {
            if (!verifierB.IsKnownSecret(parsed))
            {
                reached = Stopwatch.GetElapsedTime(committed);
                break;
            }

            await Task.Delay(10);
        }

        var late = await StatusAsync(apiB, token) == HttpStatusCode.OK ? 1 : 0;
        var refused = Stopwatch.GetElapsedTime(committed);
        for (var i = 0; i < 20; i++)
        {
            late += await StatusAsync(apiB, token) == HttpStatusCode.OK ? 1 : 0;
        }

        return (reached, refused, late);
    }

    /// <summary>
    /// The listener's session: named after the instance, last statement its LISTEN (or the idle probe), and idle,
    /// so the LISTEN has completed and notifications from now on reach it.
    /// </summary>
    private static async Task WaitUntilForgottenAsync(ScaleOutAppFactory instance, string token, TimeSpan timeout)
    {
        Assert.True(TokenFormat.TryParse(token, out var parsed));
        var verifier = instance.Services.GetRequiredService<TokenVerifier>();
        var waited = Stopwatch.StartNew();
        while (verifier.IsKnownSecret(parsed))
        {
            Assert.True(waited.Elapsed < timeout, $"The instance still held the token after {timeout}.");
            await Task.Delay(10);
        }
    }

    private async Task<int> ListenerPidAsync(string instance, int? except, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < timeout)
        {
            await using var connection = new NpgsqlConnection(cluster.ConnectionString);
            await connection.OpenAsync();
            await using var find = new NpgsqlCommand(
                "SELECT pid FROM pg_stat_activity WHERE application_name = @instance AND state = 'idle' " +
                "AND (query ILIKE 'LISTEN%' OR query = 'SELECT 1') AND pid <> @except LIMIT 1", connection);
            find.Parameters.AddWithValue("instance", instance);
            find.Parameters.AddWithValue("except", except ?? 0);
            if (await find.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"No LISTEN connection of {instance} within {timeout}.");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Flushes both instances' buffers, then reads the stored sum. A background flush may be writing a batch
    /// at the same moment, so the sum is read until it reaches the expected count or five seconds pass.
    /// </summary>
    private async Task<long> FlushBothAndSumAsync(Guid tokenId, long expected)
    {
        foreach (var instance in new[] { cluster.A, cluster.B })
        {
            await instance.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);
        }

        var waited = Stopwatch.StartNew();
        long total;
        do
        {
            total = await cluster.A.WithServicesAsync(services => services
                .GetRequiredService<Monime.Portal.Data.PortalDbContext>().TokenUsageBuckets
                .Where(b => b.TokenId == tokenId).SumAsync(b => b.Calls));
            if (total >= expected)
            {
                break;
            }

            await Task.Delay(50);
        }
        while (waited.Elapsed < TimeSpan.FromSeconds(5));

        return total;
    }
}
