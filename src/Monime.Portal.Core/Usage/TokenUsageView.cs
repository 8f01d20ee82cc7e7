using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

/// <summary>Everything the usage panel of one token shows, for one period.</summary>
public sealed record TokenUsageView(
    Guid TokenId,
    string Name,
    string Masked,
    TokenMode Mode,
    TokenStatus Status,
    string OwnerEmail,
    UsageWindow Window,
    long Calls,
    long Errors,
    IReadOnlyList<UsagePoint> Series,
    IReadOnlyList<EndpointUsage> Endpoints,
    IReadOnlyList<StatusClassUsage> StatusClasses,
    DateTimeOffset? LastUsedAt,
    string? LastUsedIp,
    IReadOnlyList<string> RecentIps,
    DateTimeOffset? NewIpSeenAt,
    IReadOnlyList<RecentRequest> RecentRequests,
    IReadOnlyList<RecentRequest> RecentRefusals);
