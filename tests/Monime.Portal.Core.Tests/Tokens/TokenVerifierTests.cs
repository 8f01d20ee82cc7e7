using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;
using Monime.Portal.Api;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

/// <summary>
/// The verifier of a second, hand-built "instance" over the same database as the portal host, so that
/// cross-instance eviction through LISTEN/NOTIFY is observed for real.
/// </summary>
public sealed class TokenVerifierTests(PortalAppFactory factory) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task Verify_UnknownLookupId_ReturnsUnknownWithoutArgon2()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var presented = Parse(TokenFormat.Issue(TokenMode.Live).Value);

        var result = await instance.Verifier.VerifyAsync(presented, CancellationToken.None);

        Assert.Equal(TokenVerificationOutcome.Unknown, result.Outcome);
        Assert.Equal(0, instance.Hasher.Evaluations);
    }

    [Fact]
    public async Task Verify_ManyUnknownLookupIds_KeepsNothingForThem()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, _, _) = await CreateTokenAsync();
        await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None);

        await Parallel.ForEachAsync(Enumerable.Range(0, 500), async (_, cancellationToken) =>
            await instance.Verifier.VerifyAsync(Parse(TokenFormat.Issue(TokenMode.Live).Value), cancellationToken));

        Assert.Equal(1, instance.Verifier.EvictableIds);
        Assert.Equal(TokenVerificationOutcome.Verified,
            (await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None)).Outcome);
    }

    [Fact]
    public async Task Verify_ConcurrentWrongSecrets_HashesNoMoreThanTheTokenLimit()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, _, _) = await CreateTokenAsync();
        var real = Parse(value);
        var limit = new ApiOptions().FailuresPerTokenPerMinute;

        // Every guess is in flight before the first one has failed, as in a flood of them.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4 * limit).Select(_ => instance.Verifier.VerifyAsync(
            WithOtherSecret(real), CancellationToken.None)));

        Assert.Equal(limit, instance.Hasher.Evaluations);
        Assert.Equal(limit, outcomes.Count(o => o.Outcome == TokenVerificationOutcome.WrongSecret));
        Assert.Equal(3 * limit, outcomes.Count(o => o.Outcome == TokenVerificationOutcome.Throttled));
    }

    [Fact]
    public async Task Verify_KnownSecretAfterItsTokensAttemptsRanOut_StillVerified()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, id, _) = await CreateTokenAsync();
        var real = Parse(value);
        await instance.Verifier.VerifyAsync(real, CancellationToken.None);
        for (var i = 0; i < 2 * new ApiOptions().FailuresPerTokenPerMinute; i++)
        {
            await instance.Verifier.VerifyAsync(
                WithOtherSecret(real), CancellationToken.None);
        }

        // The cache entry goes (as when its lifetime ends); the secret's proof does not, so no attempt is needed.
        instance.Verifier.Evict(real.LookupId);
        var again = await instance.Verifier.VerifyAsync(real, CancellationToken.None);

        Assert.Equal(TokenVerificationOutcome.Verified, again.Outcome);
        Assert.Equal(id, again.Token!.Id);
    }

    [Fact]
    public async Task Verify_RepeatedWithinLifetime_OneEvaluationAndSettingsWithoutHash()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, id, _) = await CreateTokenAsync();

        var first = await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None);
        var second = await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None);

        Assert.Equal(TokenVerificationOutcome.Verified, first.Outcome);
        Assert.Equal(TokenVerificationOutcome.Verified, second.Outcome);
        Assert.Equal(id, second.Token!.Id);
        Assert.Equal(1, instance.Hasher.Evaluations);
        Assert.True(instance.Verifier.IsKnownSecret(Parse(value)));
    }

    [Fact]
    public async Task Recall_BusyTokenAcrossTwoLifetimes_NeverMissesAndHashesOncePerLifetime()
    {
        await using var instance = await OtherInstance.StartAsync(
            factory.ConnectionString, api: new ApiOptions { VerificationCacheSeconds = 2 });
        var (value, _, _) = await CreateTokenAsync();
        var presented = Parse(value);
        await instance.Verifier.VerifyAsync(presented, CancellationToken.None);

        // A call every 20 ms for 4.5 s, past the end of the first two entries' lifetimes.
        var misses = 0;
        var calls = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(4.5))
        {
            calls++;
            if (instance.Verifier.Recall(presented) is not { Outcome: TokenVerificationOutcome.Verified })
            {
                misses++;
                await instance.Verifier.VerifyAsync(presented, CancellationToken.None);
            }

            await Task.Delay(20);
        }

        Assert.True(calls > 100, $"only {calls} calls were made");
        Assert.Equal(0, misses);
        Assert.InRange(instance.Hasher.Evaluations, 3, 4);
    }

    [Fact]
    public async Task Verify_RevokedOnAnotherInstance_EvictedThroughNotifyWithinOneSecond()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, id, user) = await CreateTokenAsync();
        await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None);

        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(new PortalActor(user.Id, user.OrganizationId, false, false, null), id, "test"));
        var clock = Stopwatch.StartNew();
        var outcome = TokenVerificationOutcome.Verified;
        while (outcome == TokenVerificationOutcome.Verified && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            outcome = (await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None)).Outcome;
            await Task.Delay(10);
        }

        Assert.Equal(TokenVerificationOutcome.Revoked, outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Evicted after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Verify_WhileTheTokenIsChanging_WaitsForTheChangeAndReadsTheSavedRow()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, id, user) = await CreateTokenAsync();
        var presented = Parse(value);
        var before = await instance.Verifier.VerifyAsync(presented, CancellationToken.None);

        var change = instance.Verifier.BeginChange(presented.LookupId);
        var decidedBeforeTheChangeIsCurrent = instance.Verifier.IsCurrent(before);
        var during = instance.Verifier.VerifyAsync(presented, CancellationToken.None);
        await Task.Delay(200);
        var answeredDuringTheChange = during.IsCompleted;
        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(new PortalActor(user.Id, user.OrganizationId, false, false, null), id, "test"));
        change.Dispose();
        var after = await during;

        Assert.Equal(TokenVerificationOutcome.Verified, before.Outcome);
        Assert.False(decidedBeforeTheChangeIsCurrent);
        Assert.False(answeredDuringTheChange);
        Assert.Equal(TokenVerificationOutcome.Revoked, after.Outcome);
        Assert.True(instance.Verifier.IsCurrent(after));
    }

    [Fact]
    public async Task Verify_HashWithWeakerParameters_RehashedOnUse()
    {
        var stronger = new Argon2Options { MemoryKib = 19456 * 2 };
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString, stronger);
        var (value, id, _) = await CreateTokenAsync();
        var before = await HashOfAsync(id);

        var result = await instance.Verifier.VerifyAsync(Parse(value), CancellationToken.None);

        Assert.Equal(TokenVerificationOutcome.Verified, result.Outcome);
        var after = await HashOfAsync(id);
        Assert.NotEqual(before, after);
        Assert.StartsWith("$argon2id$v=19$m=38912,t=2,p=1$", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_WrongSecret_ReturnsWrongSecretWithTokenIdAndNothingCached()
    {
        await using var instance = await OtherInstance.StartAsync(factory.ConnectionString);
        var (value, id, _) = await CreateTokenAsync();
        var parsed = Parse(value);
        var wrong = WithOtherSecret(parsed);

        var result = await instance.Verifier.VerifyAsync(wrong, CancellationToken.None);

        Assert.Equal(TokenVerificationOutcome.WrongSecret, result.Outcome);
        Assert.Equal(id, result.TokenId);
        Assert.Null(result.Token);
        Assert.False(instance.Verifier.IsKnownSecret(wrong));
    }

    private async Task<(string Value, Guid Id, TestUser User)> CreateTokenAsync()
    {
        var user = await factory.CreateUserAsync();
        return await factory.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<TokenService>().CreateAsync(
                new PortalActor(user.Id, user.OrganizationId, false, false, null),
                new CreateTokenInput
                {
                    Name = "verifier",
                    Mode = TokenMode.Live,
                    Expiry = TokenExpiry.OneYear,
                    Services = ["payments"],
                    Permissions = ["payments:read"],
                });
            var created = Assert.IsType<CreateTokenResult.Created>(result);
            return (created.Issued.Value, created.Token.Id, user);
        });
    }

    private Task<string> HashOfAsync(Guid id) =>
        factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().AccessTokens
            .Where(t => t.Id == id).Select(t => t.SecretHash).SingleAsync());

    private static ParsedToken WithOtherSecret(ParsedToken token) =>
        new(token.Mode, token.LookupId, Base62.Random(TokenFormat.SecretLength));

    private static ParsedToken Parse(string value) =>
        TokenFormat.TryParse(value, out var parsed) ? parsed : throw new ArgumentException("Not a token.");

    /// <summary>A verifier, hasher, cache and listener of their own: what another portal instance would hold.</summary>
    private sealed class OtherInstance : IAsyncDisposable
    {
        private readonly TokenDataSource _database;
        private readonly MemoryCache _cache;
        private readonly TokenChangeListener _listener;

        private OtherInstance(string connectionString, Argon2Options argon2, ApiOptions api)
        {
            _database = TokenDataSource.Create(connectionString);
            _cache = new MemoryCache(new MemoryCacheOptions());
            Hasher = new Argon2SecretHasher(Options.Create(argon2));
            var options = Options.Create(api);
            Throttle = new SecretFailureThrottle(_cache, TimeProvider.System, options);
            Verifier = new TokenVerifier(_database, Hasher, Throttle, _cache, TimeProvider.System, options,
                NullLogger<TokenVerifier>.Instance);
            _listener = new TokenChangeListener(_database, Verifier, TimeProvider.System,
                NullLogger<TokenChangeListener>.Instance);
        }

        public Argon2SecretHasher Hasher { get; }

        public TokenVerifier Verifier { get; }

        public SecretFailureThrottle Throttle { get; }

        public static async Task<OtherInstance> StartAsync(
            string connectionString, Argon2Options? argon2 = null, ApiOptions? api = null)
        {
            var instance = new OtherInstance(connectionString, argon2 ?? new Argon2Options(), api ?? new ApiOptions());
            await instance._listener.StartAsync(CancellationToken.None);

            // LISTEN is issued on the listener's own task; give it a moment before anything is revoked.
            await Task.Delay(500);
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            await _listener.StopAsync(CancellationToken.None);
            _listener.Dispose();
            Verifier.Dispose();
            Hasher.Dispose();
            _cache.Dispose();
            await _database.DisposeAsync();
        }
    }
}
