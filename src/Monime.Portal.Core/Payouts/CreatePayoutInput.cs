using Monime.Portal.Resources;

namespace Monime.Portal.Payouts;

public sealed record CreatePayoutInput(
    Money? Amount,
    PayoutDestination? Destination,
    PayoutSource? Source = null,
    Dictionary<string, string>? Metadata = null);
