using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api;
using Npgsql;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// PostgreSQL stopped under the running portal while two tokens call it every 20 ms, then started again: the API
/// fails closed with 503 in its JSON envelope (never a 200 for a token it could not check, never a 401 for a valid
/// one) and recovers by itself; the portal's pages answer 503 in HTML and ask to try again.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.OwnClusterFactory factory, ITestOutputHelper output)
    : IClassFixture<DatabaseOutageTests.OwnClusterFactory>
{
    private static readonly TimeSpan s_interval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan s_giveUp = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Api_DatabaseStoppedThenStartedUnderTraffic_Answers503ThenRecoversWithinFiveSeconds()
    {
        var user = await factory.CreateUserAsync();
        var (cached, _) = await ApiTestTokens.CreateAsync(factory, user);
        var (uncached, _) = await ApiTestTokens.CreateAsync(factory, user);
        using var warm = Client(cached, user.SpaceId);
        using var warmed = await warm.GetAsync("/v1/payment-codes");
        using var cold = Client(uncached, user.SpaceId);
        var clock = Stopwatch.StartNew();
        var warmAnswers = new ConcurrentQueue<Answer>();
        var coldAnswers = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();

        // The cached token calls throughout; the uncached one starts once PostgreSQL is down, so that this
        // instance has never verified it and has to ask the database.
        var warmCalls = CallEvery20MsAsync(warm, clock, warmAnswers, stop.Token);
        await Task.Delay(300);
        var stopping = clock.Elapsed;
        await factory.Cluster.StopServerAsync();
        var stopped = clock.Elapsed;
        var coldCalls = CallEvery20MsAsync(cold, clock, coldAnswers, stop.Token);
        await Task.Delay(1500);
        using var notReady = await warm.GetAsync("/readyz");
        var starting = clock.Elapsed;
        await factory.Cluster.StartServerAsync();
        var started = clock.Elapsed;
        while (!coldAnswers.Any(a => a.Status == HttpStatusCode.OK) && clock.Elapsed - started < s_giveUp)
        {
            await Task.Delay(20);
        }

        await Task.Delay(1000);
        await stop.CancelAsync();
        await Task.WhenAll(warmCalls, coldCalls);

        var all = warmAnswers.Concat(coldAnswers).ToList();
        var refusals = all.Where(a => a.Status != HttpStatusCode.OK).ToList();
        var firstRefused = refusals.Count == 0 ? TimeSpan.Zero : refusals.Min(a => a.SentAt);
        var lastRefused = refusals.Count == 0 ? TimeSpan.Zero : refusals.Max(a => a.AnsweredAt);
        var recovered = coldAnswers.FirstOrDefault(a => a.Status == HttpStatusCode.OK)?.AnsweredAt;
        var recovery = recovered - started;
        output.WriteLine($"G1: PostgreSQL stopped for {(started - stopping).TotalSeconds:F2} s under {all.Count} calls "
            + $"every 20 ms (" + string.Join(", ", all.GroupBy(a => (int)a.Status).Select(g => $"{g.Key}: {g.Count()}"))
            + ")");
        output.WriteLine($"G1: error window {(lastRefused - firstRefused).TotalSeconds:F3} s (first refused call to "
            + $"last); recovery {recovery?.TotalSeconds:F3} s from PostgreSQL's return to the uncached token's first "
            + $"200; last refusal {(lastRefused - started).TotalSeconds:F3} s after the return");
        Assert.Equal(HttpStatusCode.OK, warmed.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains(coldAnswers, a => a.SentAt > stopped && a.AnsweredAt < starting);
        Assert.DoesNotContain(coldAnswers, a => a.Status == HttpStatusCode.OK && a.AnsweredAt < starting);
        Assert.DoesNotContain(all, a => a.Status == HttpStatusCode.Unauthorized);
        Assert.All(refusals, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Equal("application/json", answer.ContentType);
            Assert.Contains("\"reason\":\"service_unavailable\"", answer.Body, StringComparison.Ordinal);
            Assert.Empty(ErrorLeaks.Find(answer.Body));
        });
        Assert.NotNull(recovery);
        Assert.True(recovery < TimeSpan.FromSeconds(5), $"recovered after {recovery?.TotalSeconds:F1} s");
        Assert.True(lastRefused - started < TimeSpan.FromSeconds(5),
            $"refused {(lastRefused - started).TotalSeconds:F1} s after PostgreSQL returned");
    }

    [Fact]
    public async Task PortalPage_DatabaseStopped_Answers503SayingTryAgain()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreatePortalClient();
        await browser.SignInAsync(user);

        await factory.Cluster.StopServerAsync();
        HttpStatusCode duringOutage;
        string? contentType;
        string page;
        try
        {
            using var response = await browser.GetAsync("/Tokens");
            duringOutage = response.StatusCode;
            contentType = response.Content.Headers.ContentType?.MediaType;
            page = await response.Content.ReadAsStringAsync();
        }
        finally
        {
            await factory.Cluster.StartServerAsync();
        }

        var clock = Stopwatch.StartNew();
        var afterwards = HttpStatusCode.ServiceUnavailable;
        while (afterwards != HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await browser.GetAsync("/Tokens");
            afterwards = response.StatusCode;
        }

        var leaks = ErrorLeaks.Find(page);
        output.WriteLine($"E5: GET /Tokens with PostgreSQL stopped -> {(int)duringOutage} {contentType}; "
            + $"stack traces, SQL or exception names leaked = {leaks.Count}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage);
        Assert.Equal("text/html", contentType);
        Assert.Contains("database did not answer", page, StringComparison.Ordinal);
        Assert.Contains("Try again", page, StringComparison.Ordinal);
        Assert.Empty(leaks);
        Assert.Equal(HttpStatusCode.OK, afterwards);
    }

    private static async Task CallEvery20MsAsync(
        HttpClient client, Stopwatch clock, ConcurrentQueue<Answer> answers, CancellationToken stop)
    {
        await Task.Yield();
        while (!stop.IsCancellationRequested)
        {
            var sentAt = clock.Elapsed;
            using var response = await client.GetAsync("/v1/payment-codes", CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync(CancellationToken.None);
            answers.Enqueue(new Answer(sentAt, clock.Elapsed, response.StatusCode,
                response.Content.Headers.ContentType?.MediaType, body));
            var rest = s_interval - (clock.Elapsed - sentAt);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, CancellationToken.None);
            }
        }
    }

    private HttpClient Client(string token, string spaceId)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Monime-Space-Id", spaceId);
        return client;
    }

    /// <summary>The portal on a PostgreSQL cluster of its own, for the test to stop without harm to others.</summary>
    private sealed record Answer(
        TimeSpan SentAt, TimeSpan AnsweredAt, HttpStatusCode Status, string? ContentType, string Body);

    public sealed class OwnClusterFactory : PortalAppFactory
    {
        public LocalPostgresCluster Cluster { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:RateLimits:LivePerSecond"] = "10000",
        };

        public override async Task InitializeAsync()
        {
            Cluster = await LocalPostgresCluster.StartAsync();
            var connectionString = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString)
            {
                Database = "monime_outage",
            }.ConnectionString;
            await using (var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
                .UseNpgsql(connectionString).Options))
            {
                await db.Database.MigrateAsync();
            }

            UseConnectionString(connectionString);
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            await Cluster.DisposeAsync();
        }
    }
}
