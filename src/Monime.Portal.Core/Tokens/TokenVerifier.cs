using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Monime.Portal.Api;
using Monime.Portal.Spaces;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// Checks a presented token against its row without any HTTP in sight: one indexed read by lookup id, then
/// Argon2id on the secret. A verified token is remembered under its lookup id and a SHA-256 of the presented
/// secret (never the secret), so a busy token costs one Argon2id per cache lifetime; the entry holds settings
/// and dates, so expiry and revocation are still judged on every call. Revocation evicts at once.
/// </summary>
/// <remarks>
/// Evicting after the commit is not enough on its own: between the commit and the eviction (microseconds, or a
/// garbage collection's pause) a call could still be let through on the cached entry, and a row read that began
/// before the commit could be judged after it. So a change marks the token before it is saved
/// (<see cref="BeginChange"/>): from then on no verification of the token is trusted, calls with it wait until
/// the save has committed or failed and are then judged on the row as saved, and a verification that was under
/// way when the mark was set is done again. A call let through was therefore decided before the mark, and so
/// before the commit. This holds on the instance that makes the change; other instances learn of it through
/// NOTIFY, within the propagation budget.
/// </remarks>
public sealed class TokenVerifier(
    TokenDataSource database,
    Argon2SecretHasher hasher,
    SecretFailureThrottle throttle,
    IMemoryCache cache,
    TimeProvider clock,
    IOptions<ApiOptions> options,
    ILogger<TokenVerifier> logger) : IDisposable
{
    private static readonly TimeSpan s_knownSecretLife = TimeSpan.FromMinutes(10);

    // Past this share of its lifetime, a remembered token is verified again in the background while it goes on
    // being served, so that a busy token's callers never all wait for Argon2id when its entry would expire.
    private const double RefreshAheadShare = 0.8;

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _evictions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(VerificationKey Key, TokenChange? Change), Lazy<Task<TokenVerification>>>
        _inFlight = new();

    private readonly ConcurrentDictionary<VerificationKey, byte> _refreshing = new();

    // The state of each token changed on this instance, replaced whole at every begin and end of a change, so
    // that comparing references tells whether a change began meanwhile. Entries stay for the process's life
    // (a few dozen bytes per token ever changed here): removing one would let an old snapshot look current.
    private readonly ConcurrentDictionary<string, TokenChange> _changes = new(StringComparer.Ordinal);
    private readonly Lock _changeGate = new();

    // Orders dropping an unknown id's eviction source against remembering a token under it (cache misses only).
    private readonly Lock _evictionGate = new();

    private CancellationTokenSource _everything = new();

    /// <summary>How many lookup ids an eviction source is kept for: bounded by the tokens ever verified here.</summary>
    internal int EvictableIds => _evictions.Count;

    private TimeSpan Lifetime => TimeSpan.FromSeconds(Math.Max(0, options.Value.VerificationCacheSeconds));

    /// <summary>
    /// True when this exact secret was verified for this token in the last ten minutes and the token has not
    /// changed since. Such a caller is let past the per-address failure throttle: a flood of bad tokens from a
    /// shared address (a NAT, a proxy) must not lock out a program that holds a good one.
    /// </summary>
    public bool IsKnownSecret(ParsedToken presented)
    {
        var key = presented.Key;
        return cache.TryGetValue(key, out _) || cache.TryGetValue(new KnownSecretKey(key), out _);
    }

    /// <summary>
    /// The verdict on a token whose exact secret is remembered, judged now; null when it is not remembered or a
    /// change of it is being saved on this instance (then <see cref="VerifyAsync"/> waits for the change). This is
    /// the whole of a busy token's verification: one cache read (and the SHA-256 of its key, once per parsed
    /// token), no database, no Argon2id.
    /// </summary>
    public TokenVerification? Recall(ParsedToken presented)
    {
        var before = ChangeOf(presented.LookupId);
        if (before?.Settled is not null)
        {
            return null;
        }

        var key = presented.Key;
        return cache.TryGetValue(key, out Remembered? remembered) && remembered is not null
            ? Serve(remembered, presented, key, before)
            : null;
    }

    /// <summary>
    /// Verifies a presented token. While a change of the token is being saved on this instance, waits for it to
    /// commit or fail; a success is returned only if no change of the token began while it was being decided.
    /// </summary>
    public async Task<TokenVerification> VerifyAsync(ParsedToken presented, CancellationToken cancellationToken)
    {
        while (true)
        {
            var before = ChangeOf(presented.LookupId);
            if (before?.Settled is { } settled)
            {
                await settled.Task.WaitAsync(cancellationToken);
                continue;
            }

            var verification = await VerifyOnceAsync(presented, before, cancellationToken) with { Change = before };
            if (!verification.Succeeded || IsCurrent(verification))
            {
                return verification;
            }
        }
    }

    /// <summary>
    /// False when a change of the token began after <paramref name="verification"/> was decided: a caller that
    /// went on to other checks must verify again before letting the call through.
    /// </summary>
    public bool IsCurrent(TokenVerification verification)
    {
        ArgumentNullException.ThrowIfNull(verification);
        return verification.Token is not { } token || ReferenceEquals(ChangeOf(token.LookupId), verification.Change);
    }

    /// <summary>
    /// Marks a token as changing, before the change is saved; dispose the result once the save has committed or
    /// failed. Meanwhile calls with the token wait; afterwards they find it evicted and read the row as saved.
    /// </summary>
    public IDisposable BeginChange(string lookupId)
    {
        lock (_changeGate)
        {
            var current = _changes.GetValueOrDefault(lookupId);
            _changes[lookupId] = new TokenChange((current?.Pending ?? 0) + 1,
                current?.Settled ?? new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }

        return new ChangeScope(this, lookupId);
    }

    private void EndChange(string lookupId)
    {
        // Evicted before the waiting calls are let go, and also when the save failed: a commit whose answer was
        // lost may still have happened, and re-reading the row once costs little next to trusting a dead token.
        Evict(lookupId);
        TaskCompletionSource? release = null;
        lock (_changeGate)
        {
            var current = _changes[lookupId];
            if (current.Pending == 1)
            {
                release = current.Settled;
                _changes[lookupId] = new TokenChange(0, null);
            }
            else
            {
                _changes[lookupId] = new TokenChange(current.Pending - 1, current.Settled);
            }
        }

        release?.SetResult();
    }

    private TokenChange? ChangeOf(string lookupId) => _changes.GetValueOrDefault(lookupId);

    private async Task<TokenVerification> VerifyOnceAsync(
        ParsedToken presented, TokenChange? change, CancellationToken cancellationToken)
    {
        var key = presented.Key;
        if (cache.TryGetValue(key, out Remembered? remembered) && remembered is not null)
        {
            return Serve(remembered, presented, key);
        }

        // When a busy token's entry expires, every request in flight misses at once; they share one
        // verification instead of each paying for Argon2id. The shared work does not take any one caller's
        // cancellation, so a caller that gives up does not fail the others. Only callers that saw the same
        // change state share: a read begun before a change must not serve a caller that came after it.
        var shared = _inFlight.GetOrAdd((key, change), _ => new Lazy<Task<TokenVerification>>(
            () => LoadAndVerifyAsync(presented, key, CancellationToken.None)));
        try
        {
            return await shared.Value.WaitAsync(cancellationToken);
        }
        finally
        {
            _inFlight.TryRemove(
                new KeyValuePair<(VerificationKey, TokenChange?), Lazy<Task<TokenVerification>>>(
                    (key, change), shared));
        }
    }

    /// <summary>The verdict on a remembered token; starts its verification ahead when its entry is ageing.</summary>
    private TokenVerification Serve(
        Remembered remembered, ParsedToken presented, VerificationKey key, TokenChange? change = null)
    {
        var now = clock.GetUtcNow();
        if (now >= remembered.RefreshFrom)
        {
            RefreshAhead(presented, key);
        }

        return Judge(remembered.Token, presented, now, change);
    }

    /// <summary>
    /// Verifies a remembered token again, once at a time per token, as its next call after expiry would: the row
    /// is read and the secret hashed, so a busy token still costs one Argon2id per lifetime, paid off the
    /// callers' path. A failure (the database down) leaves the entry to expire as it would have.
    /// </summary>
    private void RefreshAhead(ParsedToken presented, VerificationKey key)
    {
        if (!_refreshing.TryAdd(key, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await LoadAndVerifyAsync(presented, key, CancellationToken.None, reprove: true);
            }
            catch (Exception exception)
            {
                VerifierLog.RefreshFailed(logger, exception);
            }
            finally
            {
                _refreshing.TryRemove(key, out _);
            }
        });
    }

    private async Task<TokenVerification> LoadAndVerifyAsync(
        ParsedToken presented, VerificationKey key, CancellationToken cancellationToken, bool reprove = false)
    {
        // Taken before the read: a revocation that commits while this request is reading makes the entry
        // below expire at once instead of outliving the revocation for a whole lifetime.
        var eviction = EvictionSourceFor(presented.LookupId);
        var evicted = eviction.Token;
        var everything = _everything.Token;

        StoredToken? stored;
        try
        {
            stored = await LoadAsync(presented.LookupId, cancellationToken);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception, cancellationToken))
        {
            VerifierLog.DatabaseUnavailable(logger, exception);
            return TokenVerification.Unavailable;
        }

        if (stored is null)
        {
            // Nothing will be remembered under an unknown id, so its source goes too: kept, a flood of random
            // ids would grow the map by one entry per id for the life of the process.
            lock (_evictionGate)
            {
                _evictions.TryRemove(KeyValuePair.Create(presented.LookupId, eviction));
            }

            return TokenVerification.Unknown;
        }

        // A secret already proven against this very hash string needs no second Argon2id: the result is a pure
        // function of the two. This is what lets another instance refuse a token at once when a revocation's
        // NOTIFY has evicted its cache entry, instead of one Argon2id evaluation later. Rotation and rehashing
        // change the hash string, so they never match an old proof.
        var proven = !reprove && cache.TryGetValue(new ProvenHashKey(key), out string? provenHash)
            && string.Equals(provenHash, stored.SecretHash, StringComparison.Ordinal);

        // A secret not known to be good takes one of the token's attempts before it is hashed; one known good
        // (its proof outlives the cache entry) never does, so a flood of guesses cannot lock its owner out.
        var attempted = !proven && !cache.TryGetValue(new KnownSecretKey(key), out _);
        if (attempted && !throttle.TryTakeAttempt(presented.LookupId))
        {
            return new TokenVerification(TokenVerificationOutcome.Throttled, null, stored.Token.Id);
        }

        var outcome = proven
            ? SecretVerification.Succeeded
            : await hasher.VerifyAsync(presented.Secret, stored.SecretHash, unproven: attempted, cancellationToken);
        if (outcome == SecretVerification.Failed)
        {
            return new TokenVerification(TokenVerificationOutcome.WrongSecret, null, stored.Token.Id);
        }

        if (attempted)
        {
            throttle.ReturnAttempt(presented.LookupId);
        }

        if (outcome == SecretVerification.SucceededRehashNeeded)
        {
            await RehashAsync(stored, presented.Secret, cancellationToken);
        }

        lock (_evictionGate)
        {
            // A concurrent read of the same id that found no row (the token did not exist yet) may have dropped
            // the source this entry would hang on; then nothing could evict the entry, so it is not kept.
            if (_evictions.TryGetValue(presented.LookupId, out var current) && ReferenceEquals(current, eviction))
            {
                Remember(key, stored, outcome, evicted, everything);
            }
        }

        return Judge(stored.Token, presented, clock.GetUtcNow());
    }

    private void Remember(
        VerificationKey key, StoredToken stored, SecretVerification outcome, CancellationToken evicted,
        CancellationToken everything)
    {
        if (Lifetime > TimeSpan.Zero)
        {
            var entry = new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }
                .AddExpirationToken(new CancellationChangeToken(evicted))
                .AddExpirationToken(new CancellationChangeToken(everything));
            cache.Set(key, new Remembered(stored.Token, clock.GetUtcNow() + Lifetime * RefreshAheadShare), entry);

            // Lives as long as the entry would have, but survives the token's eviction: a change of the token
            // must make its next call re-read the row, not pay Argon2id again for a secret already proven.
            if (outcome == SecretVerification.Succeeded)
            {
                cache.Set(new ProvenHashKey(key), stored.SecretHash, Lifetime);
            }
        }

        cache.Set(new KnownSecretKey(key), true, new MemoryCacheEntryOptions { SlidingExpiration = s_knownSecretLife }
            .AddExpirationToken(new CancellationChangeToken(evicted))
            .AddExpirationToken(new CancellationChangeToken(everything)));
    }

    /// <summary>
    /// The token owner's role in a Space, remembered for the cache lifetime like the token itself and forgotten
    /// with it: a change of the owner's memberships is saved as a change of their tokens, which evicts them.
    /// </summary>
    public async Task<SpaceRoleLookup> SpaceRoleOfAsync(
        VerifiedToken token, string spaceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(token);
        var key = new RoleKey(token.LookupId, spaceId);
        if (cache.TryGetValue(key, out SpaceRoleLookup? remembered) && remembered is not null)
        {
            return remembered;
        }

        // Taken before the read, as for the token: a membership change committing meanwhile expires the entry.
        var evicted = EvictionSourceFor(token.LookupId).Token;
        var everything = _everything.Token;
        SpaceRoleLookup found;
        try
        {
            await using var command = database.DataSource.CreateCommand(
                """SELECT "Role" FROM "SpaceMemberships" WHERE "MonimeerId" = $1 AND "SpaceId" = $2""");
            command.Parameters.Add(new NpgsqlParameter { Value = token.OwnerId });
            command.Parameters.Add(new NpgsqlParameter { Value = spaceId });
            var role = await command.ExecuteScalarAsync(cancellationToken) as string;
            found = new SpaceRoleLookup(true, Enum.TryParse<SpaceRole>(role, out var parsed) ? parsed : null);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception, cancellationToken))
        {
            VerifierLog.DatabaseUnavailable(logger, exception);
            return SpaceRoleLookup.Unavailable;
        }

        if (Lifetime > TimeSpan.Zero)
        {
            cache.Set(key, found, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = Lifetime }
                .AddExpirationToken(new CancellationChangeToken(evicted))
                .AddExpirationToken(new CancellationChangeToken(everything)));
        }

        return found;
    }

    /// <summary>Forgets every remembered verification of one token: called after it was revoked or rotated.</summary>
    public void Evict(string lookupId)
    {
        if (_evictions.TryRemove(lookupId, out var source))
        {
            // Not disposed: a request in flight may still be reading its token; without a timer, GC suffices.
            source.Cancel();
        }
    }

    /// <summary>Forgets everything: when change notifications may have been missed, nothing is kept.</summary>
    public void EvictAll()
    {
        var previous = Interlocked.Exchange(ref _everything, new CancellationTokenSource());
        previous.Cancel();
        foreach (var lookupId in _evictions.Keys)
        {
            Evict(lookupId);
        }
    }

    public void Dispose()
    {
        _everything.Dispose();
        foreach (var source in _evictions.Values)
        {
            source.Dispose();
        }
    }

    internal static bool IsDatabaseFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is NpgsqlException or TimeoutException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    private static TokenVerification Judge(
        VerifiedToken token, ParsedToken presented, DateTimeOffset now, TokenChange? change = null)
    {
        var outcome = token.Mode != presented.Mode ? TokenVerificationOutcome.ModeMismatch
            : token.StatusAt(now) switch
            {
                TokenStatus.Revoked => TokenVerificationOutcome.Revoked,
                TokenStatus.Expired => TokenVerificationOutcome.Expired,
                _ when token.OwnerDisabled => TokenVerificationOutcome.OwnerDisabled,
                _ => TokenVerificationOutcome.Verified,
            };
        return new TokenVerification(outcome, token, token.Id) { Change = change };
    }

    private CancellationTokenSource EvictionSourceFor(string lookupId) =>
        _evictions.GetOrAdd(lookupId, _ => new CancellationTokenSource());

    private async Task<StoredToken?> LoadAsync(string lookupId, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand(
            """
            SELECT t."Id", t."SecretHash", t."Mode", t."OwnerId", t."OrganizationId", t."ApiRelease", t."ExpiresAt",
                   t."RevokedAt", t."WhitelistedSpaceId", t."IpWhitelist", t."Permissions", t."CreatedAt",
                   u."Id" IS NULL OR u."DisabledAt" IS NOT NULL
            FROM "AccessTokens" t LEFT JOIN "AspNetUsers" u ON u."Id" = t."OwnerId"
            WHERE t."LookupId" = $1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = lookupId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var token = new VerifiedToken(
            reader.GetGuid(0),
            lookupId,
            Enum.Parse<TokenMode>(reader.GetString(2)),
            reader.GetString(3),
            reader.GetGuid(4),
            reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
            reader.IsDBNull(7) ? null : reader.GetFieldValue<DateTimeOffset>(7),
            reader.IsDBNull(8) ? null : reader.GetString(8),
            reader.GetFieldValue<string[]>(9),
            reader.GetFieldValue<string[]>(10).ToHashSet(StringComparer.Ordinal),
            reader.GetFieldValue<DateTimeOffset>(11),
            reader.GetBoolean(12));
        return new StoredToken(token, reader.GetString(1));
    }

    /// <summary>Upgrades a hash made with weaker parameters; a failure only postpones it to the next use.</summary>
    private async Task RehashAsync(StoredToken stored, string secret, CancellationToken cancellationToken)
    {
        try
        {
            var fresh = await hasher.HashAsync(secret, cancellationToken);
            await using var command = database.DataSource.CreateCommand(
                """UPDATE "AccessTokens" SET "SecretHash" = $1 WHERE "Id" = $2 AND "SecretHash" = $3""");
            command.Parameters.Add(new NpgsqlParameter { Value = fresh });
            command.Parameters.Add(new NpgsqlParameter { Value = stored.Token.Id });
            command.Parameters.Add(new NpgsqlParameter { Value = stored.SecretHash });
            await command.ExecuteNonQueryAsync(cancellationToken);
            VerifierLog.Rehashed(logger, stored.Token.Id);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception, cancellationToken))
        {
            VerifierLog.RehashFailed(logger, stored.Token.Id, exception);
        }
    }

    private sealed record KnownSecretKey(VerificationKey Key);

    private sealed record ProvenHashKey(VerificationKey Key);

    private sealed record RoleKey(string LookupId, string SpaceId);

    private sealed record StoredToken(VerifiedToken Token, string SecretHash);

    /// <summary>A verified token as the cache holds it, with the moment its verification ahead is due.</summary>
    private sealed record Remembered(VerifiedToken Token, DateTimeOffset RefreshFrom);

    /// <summary>
    /// How many changes of one token are being saved, and what their callers wait on. Compared by reference
    /// only, so it is a class with its own identity, not a record.
    /// </summary>
    private sealed class TokenChange(int pending, TaskCompletionSource? settled)
    {
        public int Pending { get; } = pending;

        public TaskCompletionSource? Settled { get; } = settled;
    }

    private sealed class ChangeScope(TokenVerifier verifier, string lookupId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                verifier.EndChange(lookupId);
            }
        }
    }
}
