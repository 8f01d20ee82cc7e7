using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

public sealed record PaymentCodeProgress(bool IsCompleted, int TotalPaymentCount, Money TotalPaymentAmount);
