namespace Monime.Portal.Usage;

/// <summary>The ops dashboard: totals, calls over time, the busiest and the failing tokens, the unused ones.</summary>
public sealed record OrganizationUsageView(
    UsageFilter Filter,
    UsageWindow Window,
    long Calls,
    long Errors,
    int ActiveTokens,
    int Tokens,
    IReadOnlyList<UsagePoint> Series,
    IReadOnlyList<StatusClassUsage> StatusClasses,
    IReadOnlyList<TokenUsageTotal> TopByCalls,
    IReadOnlyList<TokenUsageTotal> TopByErrors,
    IReadOnlyList<UnusedToken> NeverUsed,
    int NeverUsedCount)
{
    public double ErrorRate => Calls == 0 ? 0 : (double)Errors / Calls;
}
