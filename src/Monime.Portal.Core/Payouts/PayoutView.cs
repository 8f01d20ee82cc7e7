using Monime.Portal.Payments;
using Monime.Portal.Resources;

namespace Monime.Portal.Payouts;

/// <summary>A payout as Monime's API writes it. Fees are always empty: the portal charges none.</summary>
public sealed record PayoutView(
    string Id,
    string Status,
    Money Amount,
    PayoutSource? Source,
    PayoutDestination Destination,
    IReadOnlyList<PaymentFee> Fees,
    PayoutFailureDetail? FailureDetail,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyDictionary<string, string>? Metadata)
{
    public static PayoutView Of(Payout payout) => new(
        payout.Id, payout.Status, payout.Amount,
        payout.SourceFinancialAccountId is { } accountId
            ? new PayoutSource(accountId, payout.SourceTransactionReference)
            : null,
        new PayoutDestination(payout.DestinationType, payout.DestinationProviderId, payout.DestinationAccountNumber,
            payout.DestinationPhoneNumber, payout.DestinationWalletId),
        [],
        payout.FailureCode is { } code ? new PayoutFailureDetail(code, payout.FailureMessage ?? "") : null,
        payout.CreatedAt, payout.UpdatedAt, payout.Metadata.Count == 0 ? null : payout.Metadata);
}
