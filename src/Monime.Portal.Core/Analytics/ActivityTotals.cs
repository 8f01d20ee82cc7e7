using Monime.Portal.Resources;

namespace Monime.Portal.Analytics;

/// <summary>How many, and how much per currency (amounts of different currencies are never added).</summary>
public sealed record ActivityTotals(int Count, IReadOnlyList<Money> Totals);
