using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

/// <summary>
/// The cost of one create, counted rather than timed: Argon2id evaluations and SQL statements by kind.
/// bench/token-create.sh runs this test and prints the figures it writes to artifacts/bench.
/// </summary>
[Collection(CoreCollection.Name)]
public sealed class TokenCreateCostTests(PortalAppFactory factory)
{
    [Fact]
    public async Task CreateAsync_OneToken_CostsOneArgon2HashAndOneTokenInsert()
    {
        var user = await factory.CreateUserAsync();
        var counter = new StatementCounter();
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(factory.ConnectionString).AddInterceptors(counter).Options);
        var hasher = factory.Services.GetRequiredService<Argon2SecretHasher>();
        var service = new TokenService(db, hasher, new RandomTokenIssuer(), new AuditTrail(db, TimeProvider.System),
            TimeProvider.System, Options.Create(new TokenOptions()), [], NullLogger<TokenService>.Instance);
        var input = new CreateTokenInput
        {
            Name = "Cost",
            Mode = TokenMode.Test,
            Permissions = ["payments:read"],
            Nonce = Guid.NewGuid(),
        };
        var before = hasher.Evaluations;

        var result = await service.CreateAsync(new PortalActor(user.Id, user.OrganizationId, false, false, null), input);

        var evaluations = hasher.Evaluations - before;
        var figures = $"token create: argon2id evaluations={evaluations}, " +
            $"INSERT AccessTokens={counter.Count("INSERT INTO \"AccessTokens\"")}, " +
            $"INSERT AuditEvents={counter.Count("INSERT INTO \"AuditEvents\"")}, " +
            $"SQL commands={counter.Commands}, SELECT statements={counter.Count("SELECT")}";
        var directory = Path.Combine(Path.GetDirectoryName(BrowserTest.ScreenshotDirectory)!, "bench");
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Path.Combine(directory, "token-create.txt"), figures + Environment.NewLine);
        Assert.IsType<CreateTokenResult.Created>(result);
        Assert.Equal(1, evaluations);
        Assert.Equal(1, counter.Count("INSERT INTO \"AccessTokens\""));
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        private readonly List<string> _texts = [];

        public int Commands => _texts.Count;

        public int Count(string fragment) =>
            _texts.Sum(text => text.Split(fragment, StringSplitOptions.None).Length - 1);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            _texts.Add(command.CommandText);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command,
            CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _texts.Add(command.CommandText);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
