using Monime.Portal.Resources;

namespace Monime.Portal.Payments;

/// <summary>A payment as Monime's API writes it. Fees are always empty: the portal charges none.</summary>
public sealed record PaymentView(
    string Id,
    string Status,
    Money Amount,
    PaymentChannel Channel,
    string? Name,
    string? Reference,
    string? FinancialAccountId,
    string? FinancialTransactionReference,
    IReadOnlyList<PaymentFee> Fees,
    OwnershipGraph OwnershipGraph,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyDictionary<string, string>? Metadata)
{
    public static PaymentView Of(Payment payment) => new(
        payment.Id, payment.Status, payment.Amount,
        new PaymentChannel(payment.ChannelType, payment.ChannelProvider, payment.ChannelPhoneNumber),
        payment.Name, payment.Reference, payment.FinancialAccountId, payment.FinancialTransactionReference, [],
        new OwnershipGraph(new OwnershipNode("payment_code", payment.PaymentCodeId)),
        payment.CreatedAt, payment.UpdatedAt, payment.Metadata.Count == 0 ? null : payment.Metadata);
}
