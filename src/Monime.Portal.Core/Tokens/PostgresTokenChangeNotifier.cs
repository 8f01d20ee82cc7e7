using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// While a revocation, rotation or end of grace is being saved, this instance holds back every call with the
/// token (<see cref="TokenVerifier.BeginChange"/>); once it commits, the token is evicted here and every other
/// instance is told through PostgreSQL <c>NOTIFY</c>. A failed NOTIFY is logged, not thrown: the change is
/// committed, and other instances forget the token within the cache lifetime regardless.
/// </summary>
public sealed class PostgresTokenChangeNotifier(
    TokenVerifier verifier, TokenDataSource database, ILogger<PostgresTokenChangeNotifier> logger)
    : ITokenChangeNotifier
{
    public const string Channel = "monime_token_changed";

    public IDisposable TokenChanging(string lookupId) => verifier.BeginChange(lookupId);

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
