using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

/// <summary>One token's totals over a period, for the top lists and the CSV export.</summary>
public sealed record TokenUsageTotal(
    Guid TokenId, string Name, string Masked, TokenMode Mode, string OwnerEmail, string? SpaceId,
    long Calls, long Errors, DateTimeOffset? LastUsedAt)
{
    public double ErrorRate => Calls == 0 ? 0 : (double)Errors / Calls;
}
