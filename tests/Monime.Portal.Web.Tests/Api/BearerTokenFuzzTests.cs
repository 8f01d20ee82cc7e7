using System.Diagnostics;
using System.Net;
using Monime.Portal.Tokens;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Ten thousand tokens that must never reach Argon2id: random strings of the token's shape under both prefixes,
/// and one-character mutations of real tokens of both modes. The four-character checksum (CRC-32 modulo 62^4) lets
/// a changed token through with odds of 1 in 62^4, so about 0.0007 of the ten thousand are expected to pass it; any
/// that does is counted, may cost one Argon2id evaluation (a changed secret under a real lookup id), and must still
/// be refused 401.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class BearerTokenFuzzTests(ApiAppFactory factory, ITestOutputHelper output)
{
    private const int Total = 10_000;

    // The characters a mutation writes: base62 and the other token68 characters a header value may carry.
    private const string MutationCharacters = Base62.Alphabet + "-._~+/=";

    [Fact]
    public async Task Call_WithTenThousandRandomOrMutatedTokens_AllRefused401WithoutArgon2()
    {
        var user = await factory.CreateUserAsync();
        var (live, _) = await CreateAsync(factory, user);
        var (test, _) = await CreateAsync(factory, user, input => input.Mode = TokenMode.Test);
        var random = new Random(20_261_203);
        var candidates = new List<string>(Total);
        for (var i = 0; i < Total / 2; i++)
        {
            candidates.Add(RandomShaped(random, i % 2 == 0 ? TokenMode.Live : TokenMode.Test));
            candidates.Add(Mutate(random, i % 2 == 0 ? live : test));
        }

        var passingChecksum = candidates.Count(candidate => TokenFormat.TryParse(candidate, out _));
        using var client = factory.CreatePortalClient();
        var before = await Argon2EvaluationsAsync(factory);

        var latencies = new double[candidates.Count];
        var wrongAnswers = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var response = await ApiResponse.SendAsync(client,
                Request(HttpMethod.Get, "/v1/tokens/self", candidates[i]));
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.Status != HttpStatusCode.Unauthorized
                || response.Challenge?.Contains("error=\"invalid_token\"", StringComparison.Ordinal) != true)
            {
                wrongAnswers++;
                output.WriteLine($"candidate {i} answered {(int)response.Status} {response.Challenge}");
            }
        }

        var argon2 = await Argon2EvaluationsAsync(factory) - before;
        Array.Sort(latencies);
        output.WriteLine($"B3: {candidates.Count} tokens ({Total / 2} random-shaped, {Total / 2} mutated); "
            + $"passing the checksum: {passingChecksum}; not 401 invalid_token: {wrongAnswers}; "
            + $"Argon2id calls: {argon2}; p50 {Percentile(latencies, 0.50):F2} ms, "
            + $"p99 {Percentile(latencies, 0.99):F2} ms, max {latencies[^1]:F2} ms");
        Assert.Equal(Total, candidates.Count);
        Assert.InRange(passingChecksum, 0, 2);
        Assert.Equal(0, wrongAnswers);
        Assert.InRange(argon2, 0, passingChecksum);
    }

    /// <summary>A prefix and a base62 body of the right length, whose last characters stand for a checksum.</summary>
    private static string RandomShaped(Random random, TokenMode mode) =>
        TokenFormat.PrefixOf(mode) + new string(random.GetItems(Base62.Alphabet.AsSpan(), TokenFormat.BodyLength));

    /// <summary>The token with one character, prefix included, replaced by a different one.</summary>
    private static string Mutate(Random random, string token)
    {
        var position = random.Next(token.Length);
        char replacement;
        do
        {
            replacement = MutationCharacters[random.Next(MutationCharacters.Length)];
        }
        while (replacement == token[position]);

        return string.Concat(token.AsSpan(0, position), new string(replacement, 1), token.AsSpan(position + 1));
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
