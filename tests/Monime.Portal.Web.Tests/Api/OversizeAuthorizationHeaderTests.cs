using System.Net;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Huge Authorization headers against the real Kestrel, whose header limits the in-memory test server lacks:
/// 8 KB fits Kestrel's 32 KB default and reaches the API, which refuses it unread as a malformed token;
/// 64 KB is refused by Kestrel itself (431) before the app runs. Neither costs an Argon2id evaluation.
/// </summary>
public sealed class OversizeAuthorizationHeaderTests(
    KestrelPortalFactory factory, ITestOutputHelper output)
    : IClassFixture<KestrelPortalFactory>
{
    [Theory]
    [InlineData(8 * 1024, false)]
    [InlineData(8 * 1024, true)]
    [InlineData(64 * 1024, false)]
    [InlineData(64 * 1024, true)]
    public async Task Call_WithOversizeAuthorizationHeader_Refused4xxWithoutArgon2(int bytes, bool tokenShaped)
    {
        var prefix = tokenShaped ? "Bearer " + TokenFormat.LivePrefix : "Bearer ";
        var header = prefix + Base62.Random(bytes - prefix.Length);
        using var client = new HttpClient { BaseAddress = factory.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tokens/self");
        request.Headers.TryAddWithoutValidation("Authorization", header);
        var before = await Argon2EvaluationsAsync(factory);

        using var response = await client.SendAsync(request);

        var argon2 = await Argon2EvaluationsAsync(factory) - before;
        var challenge = response.Headers.WwwAuthenticate.ToString();
        output.WriteLine($"B3 header of {header.Length} bytes (token-shaped: {tokenShaped}): "
            + $"{(int)response.StatusCode} {challenge}; Argon2id calls: {argon2}");
        Assert.InRange((int)response.StatusCode, 400, 499);
        if (bytes <= 8 * 1024)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("error=\"invalid_token\"", challenge, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadRequest,
                HttpStatusCode.RequestHeaderFieldsTooLarge });
        }

        Assert.Equal(0, argon2);
    }
}
