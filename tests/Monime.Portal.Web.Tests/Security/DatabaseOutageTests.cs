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
/// PostgreSQL stopped under the running portal, then started again: the API fails closed with 503 (never a
/// 200 for a token it could not check, never a 401 for a valid one) and recovers by itself; the portal's pages
/// answer 503 and ask to try again.
/// </summary>
public sealed class DatabaseOutageTests(DatabaseOutageTests.OwnClusterFactory factory, ITestOutputHelper output)
    : IClassFixture<DatabaseOutageTests.OwnClusterFactory>
{
    [Fact]
    public async Task Api_DatabaseStoppedThenStarted_Answers503ThenRecoversWithinFiveSeconds()
    {
        var user = await factory.CreateUserAsync();
        var (cached, _) = await ApiTestTokens.CreateAsync(factory, user);
        var (uncached, _) = await ApiTestTokens.CreateAsync(factory, user);
        using var warm = Client(cached, user.SpaceId);
        using var warmed = await warm.GetAsync("/v1/payment-codes");
        using var cold = Client(uncached, user.SpaceId);

        await factory.Cluster.StopServerAsync();
        var duringOutage = new List<(HttpStatusCode Status, string Body)>();
        foreach (var client in new[] { warm, cold })
        {
            using var response = await client.GetAsync("/v1/payment-codes");
            duringOutage.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        using var notReady = await warm.GetAsync("/readyz");
        await factory.Cluster.StartServerAsync();
        var clock = Stopwatch.StartNew();
        var recovered = false;
        while (!recovered && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            using var response = await cold.GetAsync("/v1/payment-codes");
            recovered = response.StatusCode == HttpStatusCode.OK;
            if (!recovered)
            {
                await Task.Delay(100);
            }
        }

        output.WriteLine($"G1: recovered {clock.Elapsed.TotalMilliseconds:F0} ms after PostgreSQL started again");
        Assert.Equal(HttpStatusCode.OK, warmed.StatusCode);
        Assert.All(duringOutage, answer =>
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, answer.Status);
            Assert.Contains("\"reason\":\"service_unavailable\"", answer.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("Npgsql", answer.Body, StringComparison.Ordinal);
        });
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.True(recovered);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"recovered after {clock.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task PortalPage_DatabaseStopped_Answers503SayingTryAgain()
    {
        var user = await factory.CreateUserAsync();
        using var browser = factory.CreatePortalClient();
        await browser.SignInAsync(user);

        await factory.Cluster.StopServerAsync();
        HttpStatusCode duringOutage;
        string page;
        try
        {
            using var response = await browser.GetAsync("/Tokens");
            duringOutage = response.StatusCode;
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

        Assert.Equal(HttpStatusCode.ServiceUnavailable, duringOutage);
        Assert.Contains("database did not answer", page, StringComparison.Ordinal);
        Assert.Contains("Try again", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, afterwards);
    }

    private HttpClient Client(string token, string spaceId)
    {
        var client = factory.CreatePortalClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Monime-Space-Id", spaceId);
        return client;
    }

    /// <summary>The portal on a PostgreSQL cluster of its own, which the test may stop without harming others.</summary>
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
