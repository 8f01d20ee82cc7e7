using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

/// <summary>A payment code as Monime's API writes it.</summary>
public sealed record PaymentCodeView(
    string Id,
    string Mode,
    string Status,
    string Name,
    Money Amount,
    bool Enable,
    DateTimeOffset ExpireTime,
    PaymentCodeCustomer? Customer,
    string UssdCode,
    string? Reference,
    string? AuthorizedPhoneNumber,
    RecurrentPaymentTarget? RecurrentPaymentTarget,
    string? FinancialAccountId,
    PaymentCodeProgress Progress,
    ProcessedPaymentData? ProcessedPaymentData,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyDictionary<string, string>? Metadata)
{
    public static PaymentCodeView Of(PaymentCode code, DateTimeOffset now)
    {
        var currency = code.Amount.Currency;
        var target = code.UsageMode == PaymentCodeModes.Recurrent
            && (code.ExpectedPaymentCount is not null || code.ExpectedPaymentTotal is not null)
            ? new RecurrentPaymentTarget(code.ExpectedPaymentCount,
                code.ExpectedPaymentTotal is { } total ? new Money(currency, total) : null)
            : null;
        var processed = code.LastPaymentId is { } paymentId
            ? new ProcessedPaymentData(code.Amount, paymentId, code.LastTransactionReference)
            : null;
        var status = code.StatusAt(now);
        return new PaymentCodeView(
            code.Id, code.UsageMode, status, code.Name, code.Amount, code.Enable, code.ExpireTime,
            code.CustomerName is null ? null : new PaymentCodeCustomer(code.CustomerName),
            code.UssdCode, code.Reference, code.AuthorizedPhoneNumber, target, code.FinancialAccountId,
            new PaymentCodeProgress(status == PaymentCodeStatuses.Completed, code.PaymentCount,
                new Money(currency, code.PaidTotal)),
            processed, code.CreatedAt, code.UpdatedAt, code.Metadata.Count == 0 ? null : code.Metadata);
    }
}
