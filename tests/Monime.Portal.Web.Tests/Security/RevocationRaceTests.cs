using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Api;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// A token revoked while about a thousand calls with it are in flight on the same instance: no call is let
/// through after the revocation committed, judged by the instant the authenticator let each call through. The
/// gap between the commit and the portal acting on it is widened to 50 ms (<see cref="CommitClock"/>); with
/// eviction after the commit alone, this test counted 42 calls let through up to 60 ms after the commit.
/// </summary>
public sealed class RevocationRaceTests(RevocationRaceTests.RaceFactory factory, ITestOutputHelper output)
    : IClassFixture<RevocationRaceTests.RaceFactory>
{
    private const int Callers = 1000;
    private static readonly TimeSpan s_loadBeforeRevoke = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan s_loadAfterRevoke = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Revoke_ThousandCallsInFlight_NoCallAuthorizedAfterTheCommit()
    {
        var user = await factory.CreateUserAsync();
        var (token, tokenId) = await ApiTestTokens.CreateAsync(factory, user);
        Assert.True(TokenFormat.TryParse(token, out var parsed));
        using var api = factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(api, token));

        // Each caller sends its next call as soon as the last one answered, so about a thousand stay in flight.
        var inFlight = 0;
        using var stop = new CancellationTokenSource();
        var callers = Enumerable.Range(0, Callers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Increment(ref inFlight);
                try
                {
                    await StatusAsync(api, token);
                }
                finally
                {
                    Interlocked.Decrement(ref inFlight);
                }
            }
        })).ToArray();
        await Task.Delay(s_loadBeforeRevoke);

        var inFlightAtRevoke = Volatile.Read(ref inFlight);
        var revoked = await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(ApiTestTokens.ActorOf(user), tokenId, "revoked under load"));
        await Task.Delay(s_loadAfterRevoke);
        await stop.CancelAsync();
        await Task.WhenAll(callers);

        var committedAt = factory.Commits.CommittedAt(parsed.LookupId);
        var calls = factory.Usage.Calls.Where(call => call.TokenId == tokenId).ToList();
        var successes = calls.Where(call => call.StatusCode == StatusCodes.Status200OK).ToList();
        var late = successes.Where(call => call.AuthorizedAt > committedAt).ToList();
        var refusedAsRevoked = calls.Count(call => call.Reason == ApiReasons.TokenRevoked);
        output.WriteLine($"G4: {inFlightAtRevoke} calls in flight at the revocation, " +
            $"{factory.Commits.Pause.TotalMilliseconds} ms between the commit and the portal learning of it; " +
            $"{calls.Count} calls, {successes.Count} successes, {refusedAsRevoked} refused as revoked");
        var lateness = late.Select(call => (call.AuthorizedAt!.Value - committedAt!.Value).TotalMilliseconds);
        var latest = late.Count == 0 ? "" : $", the latest {lateness.Max():F3} ms after it";
        output.WriteLine($"G4: late successes (authorized after the commit) = {late.Count}{latest}");
        Assert.Equal(TokenChangeResult.Changed, revoked);
        Assert.NotNull(committedAt);
        Assert.True(inFlightAtRevoke >= Callers * 9 / 10, $"Only {inFlightAtRevoke} calls were in flight.");
        Assert.All(successes, call => Assert.NotNull(call.AuthorizedAt));
        Assert.True(refusedAsRevoked > 0, "No call was refused after the revocation, so nothing was tested.");
        Assert.True(late.Count == 0, $"{late.Count} calls were let through after the revocation committed.");
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient api, string token)
    {
        using var request = ApiTestTokens.Request(HttpMethod.Get, "/v1/tokens/self", token);
        using var response = await api.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>
    /// The API test host with its rate limit out of reach, quiet logs, and a clock on every token change, read
    /// before the portal's own notifier evicts the token.
    /// </summary>
    public sealed class RaceFactory : ApiAppFactory
    {
        public CommitClock Commits { get; } = new(TimeProvider.System, TimeSpan.FromMilliseconds(50));

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(
            base.Settings)
        {
            ["Api:RateLimits:LivePerSecond"] = "100000000",
            ["Serilog:MinimumLevel:Default"] = "Warning",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.Insert(0, ServiceDescriptor.Singleton<ITokenChangeNotifier>(Commits)));
        }
    }
}
