namespace Monime.Portal.Usage;

/// <summary>Usage drained from the buffer: counts per bucket and the calls themselves, oldest first.</summary>
public sealed record UsageBatch(IReadOnlyDictionary<UsageBucketKey, long> Counts, IReadOnlyList<ApiCall> Calls)
{
    public bool IsEmpty => Counts.Count == 0 && Calls.Count == 0;
}
