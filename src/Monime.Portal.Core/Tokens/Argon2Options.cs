namespace Monime.Portal.Tokens;

/// <summary>
/// Argon2id cost. The defaults are OWASP's minimum; raising them makes older hashes "need rehash",
/// and they are upgraded the next time their token is used.
/// </summary>
public sealed class Argon2Options
{
    public const string Section = "Argon2";

    public int MemoryKib { get; set; } = 19456;

    public int Iterations { get; set; } = 2;

    public int Parallelism { get; set; } = 1;

    /// <summary>Caps simultaneous hashes so a flood of bad secrets cannot take every core and all memory.</summary>
    public int MaxConcurrentHashes { get; set; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>
    /// Of those, how many may check a secret not yet known to be good (a token's first use, or a guess) at once.
    /// Guesses then hold at most this many cores and working areas (each evaluation lifts the process's memory by
    /// about 60 MB while it runs at m=19 MiB), and the other slots stay free for creating tokens and for
    /// re-checking secrets already proven.
    /// </summary>
    public int MaxConcurrentUnprovenChecks { get; set; } = 1;
}
