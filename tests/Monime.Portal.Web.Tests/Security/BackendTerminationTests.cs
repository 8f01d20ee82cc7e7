using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Npgsql;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Tokens created through the create form while another session keeps terminating every other backend of the
/// database (<c>pg_terminate_backend</c>): each submission ends created, or with a 503 that the caller answers by
/// sending the same form again, and in the end every form made exactly one token.
/// </summary>
public sealed partial class BackendTerminationTests(
    BackendTerminationTests.OwnDatabaseFactory factory, ITestOutputHelper output)
    : IClassFixture<BackendTerminationTests.OwnDatabaseFactory>
{
    private const int Requests = 60;
    private const int Concurrency = 12;
    private const int MaxAttempts = 12;
    private static readonly TimeSpan s_terminationPeriod = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan s_retryPause = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task CreateForm_BackendsTerminatedDuringCreates_EveryFormMakesExactlyOneToken()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var antiforgery = PortalClientExtensions.AntiforgeryToken(await client.GetStringAsync("/Tokens/Create"));
        var nonces = Enumerable.Range(0, Requests).Select(_ => Guid.NewGuid()).ToArray();
        var retriedAnswers = 0;
        var unclear = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();

        using var stop = new CancellationTokenSource();
        var terminator = TerminateBackendsAsync(stop.Token);
        await Parallel.ForEachAsync(Enumerable.Range(0, Requests),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (index, cancellationToken) =>
            {
                var form = Form(index, nonces[index], antiforgery);
                for (var attempt = 1; attempt <= MaxAttempts; attempt++)
                {
                    var (status, html) = await PostAsync(client, form);
                    if (status == HttpStatusCode.OK && (SecretShown().IsMatch(html) || html.Contains(
                        "This token was already created", StringComparison.Ordinal)))
                    {
                        return;
                    }

                    if (status != HttpStatusCode.ServiceUnavailable || attempt == MaxAttempts)
                    {
                        unclear.Add($"form {index}, attempt {attempt}: {(int)status}");
                        return;
                    }

                    Interlocked.Increment(ref retriedAnswers);
                    await Task.Delay(s_retryPause, cancellationToken);
                }
            });
        await stop.CancelAsync();
        var terminated = await terminator;
        var elapsed = clock.Elapsed;

        var (tokens, distinctNonces, createdEvents) = await StoredAsync(user.Id);
        output.WriteLine($"G2: {Requests} create forms, {Concurrency} at a time, for {elapsed.TotalSeconds:F1} s; " +
            $"{terminated} backends terminated (every {s_terminationPeriod.TotalMilliseconds} ms); " +
            $"{retriedAnswers} answers were 503 and sent again with the same nonce; {unclear.Count} unclear answers");
        output.WriteLine($"G2: tokens stored {tokens}, tokens - requests = {tokens - Requests}, " +
            $"duplicates {tokens - distinctNonces}, token.created audit events {createdEvents}");
        Assert.Empty(unclear);
        Assert.True(terminated > 0, "No backend was terminated, so nothing was tested.");
        Assert.Equal(0, tokens - Requests);
        Assert.Equal(tokens, distinctNonces);
        Assert.Equal(tokens, createdEvents);
    }

    private static List<KeyValuePair<string, string>> Form(int index, Guid nonce, string antiforgery) =>
        [
            .. TokenCreateForm.Live($"terminated backends {index}", nonce),
            new("__RequestVerificationToken", antiforgery),
        ];

    private static async Task<(HttpStatusCode Status, string Html)> PostAsync(
        HttpClient client, List<KeyValuePair<string, string>> form)
    {
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync("/Tokens/Create", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Terminates every other session of the database each period until told to stop; returns how many it ended.
    /// Its own connection is unpooled, so it never picks up a session that it terminated itself.
    /// </summary>
    private async Task<int> TerminateBackendsAsync(CancellationToken stop)
    {
        var terminated = 0;
        await using var connection = new NpgsqlConnection(Unpooled(factory.ConnectionString));
        await connection.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity " +
            "WHERE datname = current_database() AND pid <> pg_backend_pid()", connection);
        while (!stop.IsCancellationRequested)
        {
            terminated += (int)(long)(await command.ExecuteScalarAsync(CancellationToken.None))!;
            try
            {
                await Task.Delay(s_terminationPeriod, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return terminated;
    }

    private async Task<(int Tokens, int DistinctNonces, int CreatedEvents)> StoredAsync(string ownerId)
    {
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(Unpooled(factory.ConnectionString)).Options);
        var tokens = db.AccessTokens.Where(t => t.OwnerId == ownerId);
        var count = await tokens.CountAsync();
        var distinctNonces = await tokens.Select(t => t.CreationNonce).Distinct().CountAsync();
        var createdEvents = await db.AuditEvents.CountAsync(e => e.Action == AuditActions.TokenCreated
            && tokens.Select(t => (Guid?)t.Id).Contains(e.TokenId));
        return (count, distinctNonces, createdEvents);
    }

    private static string Unpooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString;

    [GeneratedRegex("mon_[0-9A-Za-z]{31}")]
    private static partial Regex SecretShown();

    /// <summary>The portal on a database of its own, so the terminations reach no other test's sessions.</summary>
    public sealed class OwnDatabaseFactory : PortalAppFactory
    {
        public override async Task InitializeAsync() =>
            UseConnectionString(await TestDatabase.CreateIsolatedAsync("terminate"));
    }
}
