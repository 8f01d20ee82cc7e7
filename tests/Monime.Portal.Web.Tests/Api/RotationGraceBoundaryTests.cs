using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// A rotated token called across the end of its grace on a host whose clock the test moves: the old token
/// answers 200 up to the boundary and 401 from it on, the replacement answers 200 from its first call. The
/// overlap is read from the calls, not from the stored expiry.
/// </summary>
public sealed class RotationGraceBoundaryTests(RotationGraceBoundaryTests.FakeClockFactory factory,
    ITestOutputHelper output) : IClassFixture<RotationGraceBoundaryTests.FakeClockFactory>
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(250);

    [Fact]
    public async Task Call_AcrossOneHourGraceOfAPortalRotation_OldWorksUntilTheBoundaryThenIs401()
    {
        var user = await factory.CreateUserAsync();
        var (oldToken, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var warmed = await StatusAsync(client, oldToken);

        var rotatedAt = factory.Clock.GetUtcNow();
        var rotation = await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RotateAsync(ActorOf(user), id, RotationGrace.OneHour));
        var probe = await ProbeAsync(client, oldToken, rotation.Issued!.Value, rotatedAt, TimeSpan.FromHours(1));

        output.WriteLine($"B9: portal rotation, 1 h grace: old token last accepted at +{probe.LastAccepted:F3} s, "
            + $"first refused at +{probe.FirstRefused:F3} s ({probe.RefusalReason}); overlap measured "
            + $"{probe.FirstRefused:F0} s; replacement refused {probe.ReplacementRefusals} of {probe.Calls} times");
        Assert.Equal(HttpStatusCode.OK, warmed);
        Assert.Equal(TokenChangeResult.Changed, rotation.Outcome);
        AssertBoundary(probe, TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task Call_AcrossNinetySecondGraceOfASelfRotation_OldWorksUntilTheBoundaryThenIs401()
    {
        var user = await factory.CreateUserAsync();
        var (oldToken, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var rotatedAt = factory.Clock.GetUtcNow();
        using var request = Request(HttpMethod.Post, "/v1/tokens/self/rotate", oldToken);
        request.Content = new StringContent("{\"gracePeriodSeconds\": 90}", Encoding.UTF8, "application/json");
        var rotated = await ApiResponse.SendAsync(client, request);
        var newToken = rotated.Json.GetProperty("result").GetProperty("token").GetString()!;
        var probe = await ProbeAsync(client, oldToken, newToken, rotatedAt, TimeSpan.FromSeconds(90));

        output.WriteLine($"B9: self-rotation, 90 s grace: old token last accepted at +{probe.LastAccepted:F3} s, "
            + $"first refused at +{probe.FirstRefused:F3} s ({probe.RefusalReason}); overlap measured "
            + $"{probe.FirstRefused:F0} s; replacement refused {probe.ReplacementRefusals} of {probe.Calls} times");
        Assert.Equal(HttpStatusCode.Created, rotated.Status);
        AssertBoundary(probe, TimeSpan.FromSeconds(90));
    }

    private static void AssertBoundary(GraceProbe probe, TimeSpan grace)
    {
        Assert.True(probe.AcceptedRightAfterRotation, "The old token was refused right after the rotation.");
        Assert.Equal(grace.TotalSeconds - s_step.TotalSeconds, probe.LastAccepted, precision: 3);
        Assert.Equal(grace.TotalSeconds, probe.FirstRefused, precision: 3);
        Assert.Equal("token_expired", probe.RefusalReason);
        Assert.False(probe.AcceptedAfterBoundary, "The old token was accepted again after the boundary.");
        Assert.Equal(0, probe.ReplacementRefusals);
    }

    /// <summary>
    /// Calls both tokens right after the rotation, then moves the clock to two seconds before the boundary and
    /// on in quarter seconds until the old token is refused, then a day further. The replacement is called at
    /// every step.
    /// </summary>
    private async Task<GraceProbe> ProbeAsync(
        HttpClient client, string oldToken, string newToken, DateTimeOffset rotatedAt, TimeSpan grace)
    {
        var calls = 0;
        var replacementRefusals = 0;
        async Task<ApiResponse> CallBothAsync()
        {
            calls++;
            var fresh = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", newToken));
            replacementRefusals += fresh.Status == HttpStatusCode.OK ? 0 : 1;
            return await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", oldToken));
        }

        double Elapsed() => (factory.Clock.GetUtcNow() - rotatedAt).TotalSeconds;

        var acceptedRightAfter = (await CallBothAsync()).Status == HttpStatusCode.OK;
        factory.Clock.SetUtcNow(rotatedAt + grace - TimeSpan.FromSeconds(2));
        var lastAccepted = double.NaN;
        ApiResponse old;
        while ((old = await CallBothAsync()).Status == HttpStatusCode.OK && Elapsed() < grace.TotalSeconds + 5)
        {
            lastAccepted = Elapsed();
            factory.Clock.Advance(s_step);
        }

        var firstRefused = Elapsed();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        var afterBoundary = await CallBothAsync();
        return new GraceProbe(acceptedRightAfter, lastAccepted, firstRefused, old.Reason,
            afterBoundary.Status == HttpStatusCode.OK, calls, replacementRefusals);
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string token) =>
        (await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token))).Status;

    private sealed record GraceProbe(
        bool AcceptedRightAfterRotation,
        double LastAccepted,
        double FirstRefused,
        string? RefusalReason,
        bool AcceptedAfterBoundary,
        int Calls,
        int ReplacementRefusals);

    /// <summary>
    /// The API test host on a clock that moves only when the test moves it. It starts on a whole second, so that
    /// PostgreSQL's microsecond timestamps hold the grace's end exactly.
    /// </summary>
    public sealed class FakeClockFactory : ApiAppFactory
    {
        public FakeTimeProvider Clock { get; } =
            new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
        }
    }
}
