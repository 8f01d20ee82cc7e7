namespace Monime.Portal.Analytics;

/// <summary>
/// A Space's activity in one mode over a period (open ends when From or To is null). Payments count when
/// completed; payouts unless failed or cancelled. Active payment codes are counted as of now, whatever the period.
/// </summary>
public sealed record AnalyticsSummary(
    DateTimeOffset? From,
    DateTimeOffset? To,
    ActivityTotals Payments,
    ActivityTotals Payouts,
    int ActivePaymentCodes,
    int Customers);
