using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// After a revocation, rotation or end of grace commits: evicts the token here at once, then tells every
/// other instance through PostgreSQL <c>NOTIFY</c>. A failed NOTIFY is logged, not thrown: the change is
/// committed, and other instances forget the token within the cache lifetime regardless.
/// </summary>
public sealed class PostgresTokenChangeNotifier(
    TokenVerifier verifier, TokenDataSource database, ILogger<PostgresTokenChangeNotifier> logger)
    : ITokenChangeNotifier
{
    public const string Channel = "monime_token_changed";

    public async Task TokenChangedAsync(string lookupId, CancellationToken cancellationToken)
    {
        verifier.Evict(lookupId);
        try
        {
            await using var command = database.DataSource.CreateCommand($"SELECT pg_notify('{Channel}', $1)");
            command.Parameters.Add(new NpgsqlParameter { Value = lookupId });
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception exception) when (TokenVerifier.IsDatabaseFailure(exception, cancellationToken))
        {
            VerifierLog.NotifyFailed(logger, lookupId, exception);
        }
    }
}
