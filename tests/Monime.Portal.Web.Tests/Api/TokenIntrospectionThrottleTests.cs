using System.Net;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// A host of its own with a tiny per-address failure limit: failed introspections from one address add up with
/// refused bearer calls from it, so introspection buys a guesser no extra attempts.
/// </summary>
public sealed class TokenIntrospectionThrottleTests(
    TokenIntrospectionThrottleTests.SmallAddressLimitFactory factory, ITestOutputHelper output)
    : IClassFixture<TokenIntrospectionThrottleTests.SmallAddressLimitFactory>
{
    private const int AddressLimit = 3;

    [Fact]
    public async Task Introspect_FailuresFromOneAddress_CountAgainstTheAddress()
    {
        var user = await factory.CreateUserAsync();
        var (caller, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        const string Peer = "198.51.100.91";

        var answers = new List<ApiResponse>();
        for (var i = 0; i <= AddressLimit; i++)
        {
            answers.Add(await TokenIntrospectionTests.IntrospectAsync(client, caller, ForgedTokens.Random(),
                peer: Peer));
        }

        var bearer = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.Random(), peer: Peer));
        var otherAddress = await TokenIntrospectionTests.IntrospectAsync(client, caller, ForgedTokens.Random(),
            peer: "198.51.100.92");
        output.WriteLine($"B14 address throttle: {AddressLimit} unknown tokens answered inactive, "
            + $"then {answers[^1].Status}; bearer call from the same address: {bearer.Status}");
        Assert.All(answers.Take(AddressLimit), answer => Assert.Equal("{\"active\":false}", answer.Body));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].Status);
        Assert.Equal("auth-failures-ip", answers[^1].Header("Monime-Rate-Limit"));
        Assert.Equal(HttpStatusCode.TooManyRequests, bearer.Status);
        Assert.Equal("{\"active\":false}", otherAddress.Body);
    }

    public sealed class SmallAddressLimitFactory : ApiAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Api:RateLimits:LivePerSecond"] = "10000",
            ["Api:FailuresPerIpPerMinute"] = AddressLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
