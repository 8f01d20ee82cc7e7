using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

public sealed record CreatePaymentCodeInput(
    string? Name,
    Money? Amount,
    string? Mode = null,
    bool? Enable = null,
    string? Duration = null,
    PaymentCodeCustomer? Customer = null,
    string? Reference = null,
    string? AuthorizedPhoneNumber = null,
    RecurrentPaymentTarget? RecurrentPaymentTarget = null,
    string? FinancialAccountId = null,
    Dictionary<string, string>? Metadata = null);
