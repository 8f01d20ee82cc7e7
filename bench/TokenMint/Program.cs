using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal;
using Monime.Portal.Bench;
using Monime.Portal.Tokens;

// Benchmarks only. "token CONNECTION [N]" issues one (or N) live tokens for the seeded developer through the
// real TokenService and prints them; "bogus N" prints N well-formed tokens (valid checksums) that match no row;
// "wrong-secret N" reads a token on stdin (never an argument, which any process can list) and prints N
// well-formed tokens with its lookup id and other secrets.
// The token goes to the benchmark's stdout and nowhere else; the throwaway database dies with the run.
if (args is ["bogus", var countText])
{
    for (var i = 0; i < Count(countText); i++)
    {
        Console.WriteLine(TokenFormat.Issue(TokenMode.Live).Value);
    }

    return 0;
}

if (args is ["wrong-secret", var wrongCountText] && TokenFormat.TryParse(Console.ReadLine(), out var parsed))
{
    for (var i = 0; i < Count(wrongCountText); i++)
    {
        Console.WriteLine(TokenFormat.Compose(
            parsed.Mode, parsed.LookupId, Base62.Random(TokenFormat.SecretLength)));
    }

    return 0;
}

if (args is not ["token", var connectionString, ..] || args.Length > 3)
{
    await Console.Error.WriteLineAsync(
        "usage: TokenMint token CONNECTION [N] | TokenMint bogus COUNT | TokenMint wrong-secret COUNT < TOKEN");
    return 2;
}

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = connectionString })
    .Build();
await using var services = new ServiceCollection().AddLogging().AddPortalCore(configuration).BuildServiceProvider();
var tokens = args.Length == 3 ? Count(args[2]) : 1;
for (var i = 0; i < tokens; i++)
{
    var (token, _) = await BenchTokens.IssueAsync(services, tokens == 1 ? "benchmark" : $"benchmark {i + 1}");
    Console.WriteLine(token);
}

return 0;

static int Count(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
