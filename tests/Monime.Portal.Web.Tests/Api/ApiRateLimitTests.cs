using System.Globalization;
using System.Net;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>A host of its own with tiny limits, so that the shared API host never trips them.</summary>
public sealed class ApiRateLimitTests(ApiRateLimitTests.SmallLimitsFactory factory)
    : IClassFixture<ApiRateLimitTests.SmallLimitsFactory>
{
    [Fact]
    public async Task Call_OverPerTokenLimit_Returns429WithRetryAfterAndLimitName()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var responses = new List<ApiResponse>();
        for (var i = 0; i < 4; i++)
        {
            responses.Add(await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token)));
        }

        var limited = responses.First(r => r.Status == HttpStatusCode.TooManyRequests);
        Assert.Equal(HttpStatusCode.OK, responses[0].Status);
        Assert.Equal("rate_limited", limited.Reason);
        Assert.Equal("token-live-per-second", limited.Header("Monime-Rate-Limit"));
        Assert.True(int.Parse(limited.Header("Retry-After")!, System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.DoesNotContain(responses, r => r.Status == HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Call_ManyFailuresFromOneAddress_KnownGoodTokenStillServed()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        const string Peer = "198.51.100.77";
        await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token, peer: Peer));

        ApiResponse? bogus = null;
        var lastAnswer = TimeSpan.Zero;
        for (var i = 0; i < 5; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            bogus = await ApiResponse.SendAsync(client,
                Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.Random(), peer: Peer));
            lastAnswer = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        }

        await Task.Delay(1100);
        var good = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token, peer: Peer));
        Assert.Equal(HttpStatusCode.TooManyRequests, bogus!.Status);
        Assert.Equal("auth-failures-ip", bogus.Header("Monime-Rate-Limit"));
        Assert.True(lastAnswer >= s_heldAtLeast, $"The throttled answer came after {lastAnswer}.");
        Assert.Equal(HttpStatusCode.OK, good.Status);
    }

    [Fact]
    public async Task Call_FailuresSpreadOverAddresses_HeldOnceTheInstanceAllowanceIsSpent()
    {
        using var client = factory.CreatePortalClient();

        // Every bogus call claims another address, so no per-address count ever reaches its limit.
        var quick = 0;
        ApiResponse? held = null;
        for (var i = 1; i <= 40 && held is null; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var response = await ApiResponse.SendAsync(client,
                Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.Random(), peer: $"203.0.113.{i}"));
            var answeredAfter = System.Diagnostics.Stopwatch.GetElapsedTime(started);
            Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
            Assert.Equal("invalid_token", response.Reason);
            if (answeredAfter >= s_heldAtLeast)
            {
                held = response;
            }
            else
            {
                quick++;
            }
        }

        Assert.NotNull(held);
        Assert.True(quick >= InstanceAllowance, $"Only {quick} failures were answered before the hold began.");
    }

    private const int InstanceAllowance = 5;

    // Long enough that an answer not held back never takes as long, even on a busy machine.
    private static readonly TimeSpan s_hold = TimeSpan.FromSeconds(1);

    // The timer behind the hold can fire a millisecond or two early by the stopwatch's clock.
    private static readonly TimeSpan s_heldAtLeast = s_hold - TimeSpan.FromMilliseconds(20);

    public sealed class SmallLimitsFactory : ApiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:RateLimits:LivePerSecond"] = "2",
            ["Api:FailuresPerIpPerMinute"] = "3",
            ["Api:FailuresPerInstancePerSecond"] = InstanceAllowance.ToString(CultureInfo.InvariantCulture),
            ["Api:ThrottledRefusalDelayMilliseconds"] = s_hold.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        };
    }
}
