using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace Monime.Portal.Usage;

/// <summary>
/// Writes one drained batch of usage in a single round trip: one <see cref="NpgsqlBatch"/>, which PostgreSQL runs
/// as one transaction, so a batch is counted wholly or not at all. Counters are upserts that add to what is
/// stored, so several instances flushing the same buckets sum exactly.
/// </summary>
public sealed class UsageWriter(NpgsqlDataSource dataSource, IOptions<UsageOptions> options)
{
    private const string UpsertCounts = """
        INSERT INTO "TokenUsageBuckets" ("TokenId", "HourStart", "Endpoint", "StatusCode", "Calls")
        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::int[], $5::bigint[])
        ON CONFLICT ("TokenId", "HourStart", "Endpoint", "StatusCode")
        DO UPDATE SET "Calls" = "TokenUsageBuckets"."Calls" + EXCLUDED."Calls"
        """;

    // RecentIps keeps the newest distinct addresses first: this batch's, then those stored before.
    private const string UpdateLastUse = """
        UPDATE "AccessTokens" AS t SET
            "LastUsedAt" = GREATEST(t."LastUsedAt", u.at),
            "LastUsedIp" = CASE WHEN t."LastUsedAt" IS NULL OR u.at >= t."LastUsedAt" THEN u.ip ELSE t."LastUsedIp" END,
            "RecentIps" = ARRAY(
                SELECT x.ip FROM unnest(string_to_array(u.ips, ' ') || t."RecentIps") WITH ORDINALITY AS x(ip, n)
                GROUP BY x.ip ORDER BY min(x.n) LIMIT $5)
        FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[]) AS u(id, at, ip, ips)
        WHERE t."Id" = u.id
        """;

    // An address is new when the token never used it; the very first address of a token raises no alert,
    // since every token has one. The statement sees the table as it was before it ran, so "had others
    // before" means before this batch.
    private const string RecordNewIps = """
        WITH seen AS (
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::timestamptz[]) AS s(token_id, ip, at)),
        inserted AS (
            INSERT INTO "TokenIps" ("TokenId", "Ip", "FirstSeenAt")
            SELECT token_id, ip, at FROM seen
            ON CONFLICT DO NOTHING
            RETURNING "TokenId", "Ip", "FirstSeenAt"),
        alerts AS (
            SELECT i.* FROM inserted i
            WHERE EXISTS (SELECT 1 FROM "TokenIps" known WHERE known."TokenId" = i."TokenId")),
        flagged AS (
            UPDATE "AccessTokens" t SET "NewIpSeenAt" = a."FirstSeenAt"
            FROM alerts a WHERE t."Id" = a."TokenId"
            RETURNING t."Id", t."OrganizationId")
        INSERT INTO "AuditEvents" ("OccurredAt", "Action", "OrganizationId", "TokenId", "Ip", "Detail")
        SELECT a."FirstSeenAt", 'token.new_ip', f."OrganizationId", a."TokenId", a."Ip",
               'First call from a new address'
        FROM alerts a JOIN flagged f ON f."Id" = a."TokenId"
        """;

    private const string InsertRequests = """
        INSERT INTO "TokenRequestRecords"
            ("TokenId", "OccurredAt", "Method", "Endpoint", "StatusCode", "Ip", "DurationMs", "RequestId",
             "SpaceId", "Reason")
        SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::int[], $6::text[],
                             $7::int[], $8::text[], $9::text[], $10::text[])
        """;

    private const string TrimRequests = """
        DELETE FROM "TokenRequestRecords" WHERE "Id" IN (
            SELECT "Id" FROM (
                SELECT "Id", row_number() OVER (PARTITION BY "TokenId" ORDER BY "Id" DESC) AS position
                FROM "TokenRequestRecords" WHERE "TokenId" = ANY($1)) ranked
            WHERE position > $2)
        """;

    /// <summary>How many batches were written; the exactness benchmark checks one per flush at most.</summary>
    public long BatchesWritten { get; private set; }

    public async Task WriteAsync(UsageBatch usage, CancellationToken cancellationToken)
    {
        if (usage.IsEmpty)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection);
        AddCounts(batch, usage.Counts);

        // A 401 is someone presenting the token's lookup id with a wrong secret: it is counted, but it is not
        // the token being used, so it moves neither "last used" nor the known addresses (see TokenActivity).
        var used = usage.Tokens.Where(token => token.LastUse is not null).ToList();
        if (used.Count > 0)
        {
            AddLastUse(batch, used);
            AddNewIps(batch, used);
        }

        var logged = usage.Tokens.Where(token => token.RecentCalls.Count > 0).ToList();
        if (logged.Count > 0)
        {
            AddRequests(batch, logged);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        BatchesWritten++;
    }

    private static void AddCounts(NpgsqlBatch batch, IReadOnlyDictionary<UsageBucketKey, long> counts)
    {
        var keys = counts.Keys.ToList();
        Add(batch, UpsertCounts,
            keys.Select(k => k.TokenId).ToArray(),
            keys.Select(k => k.HourStart).ToArray(),
            keys.Select(k => k.Endpoint).ToArray(),
            keys.Select(k => k.StatusCode).ToArray(),
            keys.Select(k => counts[k]).ToArray());
    }

    private void AddLastUse(NpgsqlBatch batch, List<TokenActivity> used)
    {
        // The batch's addresses newest first; the statement puts them before those stored and keeps the newest few.
        var newestIps = used.Select(token => string.Join(' ',
            token.Addresses.OrderByDescending(address => address.Value.Last).Select(address => address.Key)));
        Add(batch, UpdateLastUse,
            used.Select(t => t.TokenId).ToArray(),
            used.Select(t => t.LastUse!.OccurredAt).ToArray(),
            used.Select(t => t.LastUse!.Ip).ToArray(),
            newestIps.ToArray(),
            options.Value.RecentIpCount);
    }

    private static void AddNewIps(NpgsqlBatch batch, List<TokenActivity> used)
    {
        var firstSeen = used.SelectMany(token =>
                token.Addresses.Select(address => (token.TokenId, Ip: address.Key, address.Value.First)))
            .ToList();
        if (firstSeen.Count == 0)
        {
            return;
        }

        Add(batch, RecordNewIps,
            firstSeen.Select(s => s.TokenId).ToArray(),
            firstSeen.Select(s => s.Ip).ToArray(),
            firstSeen.Select(s => s.First).ToArray());
    }

    private void AddRequests(NpgsqlBatch batch, List<TokenActivity> logged)
    {
        // Each token's newest lines only, oldest first, so that the trim below keeps the newest by id.
        var kept = logged.SelectMany(token => token.RecentCalls).ToList();
        Add(batch, InsertRequests,
            kept.Select(c => c.TokenId).ToArray(),
            kept.Select(c => c.OccurredAt).ToArray(),
            kept.Select(c => c.Method).ToArray(),
            kept.Select(c => c.Endpoint).ToArray(),
            kept.Select(c => c.StatusCode).ToArray(),
            kept.Select(c => c.Ip).ToArray(),
            kept.Select(c => c.DurationMs).ToArray(),
            kept.Select(c => c.RequestId).ToArray(),
            kept.Select(c => c.SpaceId).ToArray(),
            kept.Select(c => c.Reason).ToArray());
        Add(batch, TrimRequests, logged.Select(t => t.TokenId).ToArray(), options.Value.RequestLogLength);
    }

    private static void Add(NpgsqlBatch batch, string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        batch.BatchCommands.Add(command);
    }
}
