namespace Monime.Portal.Usage;

/// <summary>Usage drained from the buffer: counts per bucket, and what each token's calls left to write.</summary>
public sealed record UsageBatch(IReadOnlyDictionary<UsageBucketKey, long> Counts, IReadOnlyList<TokenActivity> Tokens)
{
    public bool IsEmpty => Counts.Count == 0 && Tokens.Count == 0;

    /// <summary>The request-log lines the batch holds.</summary>
    public int LoggedCalls => Tokens.Sum(token => token.RecentCalls.Count);
}
