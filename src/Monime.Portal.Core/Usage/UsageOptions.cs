namespace Monime.Portal.Usage;

public sealed class UsageOptions
{
    public const string Section = "Usage";

    /// <summary>
    /// How often buffered usage is written. It is also what a crash can lose: at most this many seconds
    /// of counts, since the buffer lives in memory. A graceful stop flushes everything first.
    /// </summary>
    public double FlushIntervalSeconds { get; set; } = 5;

    /// <summary>Requests kept per token for the recent-request log and the refusal list.</summary>
    public int RequestLogLength { get; set; } = 200;

    /// <summary>Distinct addresses shown per token, newest first.</summary>
    public int RecentIpCount { get; set; } = 5;

    /// <summary>
    /// Bounds the request-log lines the buffer holds, and separately the addresses it notes, which pile up while
    /// the database is unreachable. Counters are never dropped; past the bound, a token's newest calls replace its
    /// oldest in the log, and addresses new to the batch are not noted.
    /// </summary>
    public int MaxBufferedRequests { get; set; } = 50_000;
}
