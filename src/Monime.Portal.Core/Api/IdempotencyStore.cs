using Monime.Portal.Tokens;
using Npgsql;

namespace Monime.Portal.Api;

/// <summary>
/// Keeps the first answer per (scope, key). A request claims its key by inserting a row with status 0 under the
/// unique index on (Scope, Key), so of two concurrent duplicates exactly one runs; the other sees the claim.
/// The answer, 500s included, is written over the claim afterwards. A process that dies mid-request leaves its
/// claim "in progress" until pruning removes it (24 hours); a retry meanwhile gets 409.
/// </summary>
public sealed class IdempotencyStore(TokenDataSource database, TimeProvider clock)
{
    public async Task<IdempotencyClaim> ClaimAsync(
        string scope, string key, string requestHash, CancellationToken cancellationToken)
    {
        await using (var insert = database.DataSource.CreateCommand(
            """
            INSERT INTO "IdempotencyRecords" ("Scope", "Key", "RequestHash", "StatusCode", "ResponseBody", "CreatedAt")
            VALUES ($1, $2, $3, 0, '', $4) ON CONFLICT ("Scope", "Key") DO NOTHING
            """))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = scope });
            insert.Parameters.Add(new NpgsqlParameter { Value = key });
            insert.Parameters.Add(new NpgsqlParameter { Value = requestHash });
            insert.Parameters.Add(new NpgsqlParameter { Value = clock.GetUtcNow() });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return new IdempotencyClaim(IdempotencyOutcome.Started);
            }
        }

        await using var select = database.DataSource.CreateCommand(
            """
            SELECT "RequestHash", "StatusCode", "ResponseBody" FROM "IdempotencyRecords"
            WHERE "Scope" = $1 AND "Key" = $2
            """);
        select.Parameters.Add(new NpgsqlParameter { Value = scope });
        select.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            // Pruned between the two statements: treat the key as taken rather than run the request twice.
            return new IdempotencyClaim(IdempotencyOutcome.InProgress);
        }

        if (!string.Equals(reader.GetString(0), requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim(IdempotencyOutcome.KeyInUse);
        }

        var status = reader.GetInt32(1);
        return status == 0
            ? new IdempotencyClaim(IdempotencyOutcome.InProgress)
            : new IdempotencyClaim(IdempotencyOutcome.Replay, status, reader.GetString(2));
    }

    public async Task CompleteAsync(
        string scope, string key, int statusCode, string responseBody, CancellationToken cancellationToken)
    {
        await using var update = database.DataSource.CreateCommand(
            """
            UPDATE "IdempotencyRecords" SET "StatusCode" = $3, "ResponseBody" = $4
            WHERE "Scope" = $1 AND "Key" = $2
            """);
        update.Parameters.Add(new NpgsqlParameter { Value = scope });
        update.Parameters.Add(new NpgsqlParameter { Value = key });
        update.Parameters.Add(new NpgsqlParameter { Value = statusCode });
        update.Parameters.Add(new NpgsqlParameter { Value = responseBody });
        await update.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Removes a claim whose request never produced an answer, so a retry can run.</summary>
    public async Task ReleaseAsync(string scope, string key, CancellationToken cancellationToken)
    {
        await using var delete = database.DataSource.CreateCommand(
            """DELETE FROM "IdempotencyRecords" WHERE "Scope" = $1 AND "Key" = $2 AND "StatusCode" = 0""");
        delete.Parameters.Add(new NpgsqlParameter { Value = scope });
        delete.Parameters.Add(new NpgsqlParameter { Value = key });
        await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        await using var delete = database.DataSource.CreateCommand(
            """DELETE FROM "IdempotencyRecords" WHERE "CreatedAt" < $1""");
        delete.Parameters.Add(new NpgsqlParameter { Value = olderThan });
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}
