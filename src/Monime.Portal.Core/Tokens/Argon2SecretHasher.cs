using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Monime.Portal.Tokens;

/// <summary>
/// Hashes token secrets with Argon2id into PHC strings (<c>$argon2id$v=19$m=…,t=…,p=…$salt$hash</c>), so the
/// parameters travel with each hash and can be raised later without invalidating tokens.
/// </summary>
public sealed class Argon2SecretHasher : IDisposable
{
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    private readonly Argon2Options _options;
    private readonly SemaphoreSlim _slots;
    private readonly SemaphoreSlim _unprovenSlots;
    private long _evaluations;
    private int _runningUnproven;
    private int _peakUnproven;

    public Argon2SecretHasher(IOptions<Argon2Options> options)
    {
        _options = options.Value;
        _slots = new SemaphoreSlim(_options.MaxConcurrentHashes);
        _unprovenSlots = new SemaphoreSlim(
            Math.Clamp(_options.MaxConcurrentUnprovenChecks, 1, Math.Max(1, _options.MaxConcurrentHashes)));
    }

    /// <summary>How many Argon2id computations this process has run; benchmarks read it.</summary>
    public long Evaluations => Interlocked.Read(ref _evaluations);

    /// <summary>The most unproven checks that ever ran at once in this process.</summary>
    internal int PeakUnprovenChecks => Volatile.Read(ref _peakUnproven);

    public async Task<string> HashAsync(string secret, CancellationToken cancellationToken = default)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var parameters = new PhcParameters(_options.MemoryKib, _options.Iterations, _options.Parallelism);
        var hash = await ComputeAsync(secret, salt, parameters, HashBytes, cancellationToken);

        return string.Create(CultureInfo.InvariantCulture,
            $"$argon2id$v=19$m={parameters.MemoryKib},t={parameters.Iterations},p={parameters.Parallelism}" +
            $"${ToPhcBase64(salt)}${ToPhcBase64(hash)}");
    }

    /// <summary>
    /// Checks a secret against a PHC string. <paramref name="unproven"/> says the secret has not been seen to be
    /// right before: such checks also wait for one of <see cref="Argon2Options.MaxConcurrentUnprovenChecks"/>.
    /// </summary>
    public async Task<SecretVerification> VerifyAsync(
        string secret, string phc, bool unproven = false, CancellationToken cancellationToken = default)
    {
        if (!TryParsePhc(phc, out var parameters, out var salt, out var expected))
        {
            return SecretVerification.Failed;
        }

        byte[] actual;
        if (unproven)
        {
            await _unprovenSlots.WaitAsync(cancellationToken);
            var running = Interlocked.Increment(ref _runningUnproven);
            InterlockedMax(ref _peakUnproven, running);
            try
            {
                actual = await ComputeAsync(secret, salt, parameters, expected.Length, cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _runningUnproven);
                _unprovenSlots.Release();
            }
        }
        else
        {
            actual = await ComputeAsync(secret, salt, parameters, expected.Length, cancellationToken);
        }

        // Constant-time: the comparison's duration depends only on the length, never on the first difference.
        if (!CryptographicOperations.FixedTimeEquals(actual, expected))
        {
            return SecretVerification.Failed;
        }

        var weaker = parameters.MemoryKib < _options.MemoryKib
            || parameters.Iterations < _options.Iterations
            || parameters.Parallelism < _options.Parallelism;
        return weaker ? SecretVerification.SucceededRehashNeeded : SecretVerification.Succeeded;
    }

    public void Dispose()
    {
        _slots.Dispose();
        _unprovenSlots.Dispose();
    }

    private async Task<byte[]> ComputeAsync(
        string secret, byte[] salt, PhcParameters parameters, int length, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            Interlocked.Increment(ref _evaluations);
            using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(secret))
            {
                Salt = salt,
                MemorySize = parameters.MemoryKib,
                Iterations = parameters.Iterations,
                DegreeOfParallelism = parameters.Parallelism,
            };
            return await argon2.GetBytesAsync(length);
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var seen = Volatile.Read(ref target);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref target, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private static bool TryParsePhc(string phc, out PhcParameters parameters, out byte[] salt, out byte[] hash)
    {
        parameters = default;
        salt = hash = [];
        var parts = phc.Split('$');
        if (parts.Length != 6 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        // Exactly "m=…,t=…,p=…" in that order: a repeated or unknown key is a damaged hash, not a reason to throw.
        var values = parts[3].Split(',');
        if (values.Length != 3
            || !TryReadParameter(values[0], "m=", out var m)
            || !TryReadParameter(values[1], "t=", out var t)
            || !TryReadParameter(values[2], "p=", out var p))
        {
            return false;
        }

        parameters = new PhcParameters(m, t, p);
        salt = FromPhcBase64(parts[4]);
        hash = FromPhcBase64(parts[5]);
        return salt.Length > 0 && hash.Length > 0;
    }

    private static bool TryReadParameter(string pair, string key, out int value)
    {
        value = 0;
        return pair.StartsWith(key, StringComparison.Ordinal)
            && int.TryParse(pair.AsSpan(key.Length), NumberStyles.None, CultureInfo.InvariantCulture, out value)
            && value > 0;
    }

    // PHC strings use standard base64 without padding.
    private static string ToPhcBase64(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static byte[] FromPhcBase64(string text)
    {
        var padded = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        return Convert.TryFromBase64String(padded, new byte[padded.Length], out _)
            ? Convert.FromBase64String(padded)
            : [];
    }

    private readonly record struct PhcParameters(int MemoryKib, int Iterations, int Parallelism);
}
