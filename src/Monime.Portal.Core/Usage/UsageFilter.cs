using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

/// <summary>
/// Filters of the organisation-wide view. Counters are kept per token, not per Space, so a Space filter keeps the
/// tokens whitelisted to that Space: their counts are exact, whereas splitting an unrestricted token's counters
/// by Space would need a Space column in every bucket.
/// </summary>
public sealed record UsageFilter(UsagePeriod Period = UsagePeriod.Last7Days, TokenMode? Mode = null,
    string? SpaceId = null);
