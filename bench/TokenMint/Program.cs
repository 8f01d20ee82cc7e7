using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

// Benchmarks only. "token CONNECTION" issues a live token for the seeded developer through the real
// TokenService and prints it; "bogus N" prints N well-formed tokens (valid checksums) that match no row.
// The token goes to the benchmark's stdout and nowhere else; the throwaway database dies with the run.
if (args is ["bogus", var countText])
{
    for (var i = 0; i < int.Parse(countText, System.Globalization.CultureInfo.InvariantCulture); i++)
    {
        Console.WriteLine(TokenFormat.Issue(TokenMode.Live).Value);
    }

    return 0;
}

if (args is not ["token", var connectionString])
{
    await Console.Error.WriteLineAsync("usage: TokenMint token CONNECTION | TokenMint bogus COUNT");
    return 2;
}

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = connectionString })
    .Build();
var services = new ServiceCollection().AddLogging().AddPortalCore(configuration).BuildServiceProvider();
await using var scope = services.CreateAsyncScope();
var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
var developer = await db.Users.FirstAsync(u => u.Email == "dev@monime.local");
var actor = new PortalActor(developer.Id, developer.OrganizationId, false, false, "127.0.0.1");
var result = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(actor, new CreateTokenInput
{
    Name = "benchmark",
    Mode = TokenMode.Live,
    Expiry = TokenExpiry.TwoMonths,
    Services = ["payments"],
    Permissions = ["payments:read"],
});
if (result is not CreateTokenResult.Created created)
{
    await Console.Error.WriteLineAsync($"Token not created: {result}");
    return 1;
}

Console.WriteLine(created.Issued.Value);
return 0;
