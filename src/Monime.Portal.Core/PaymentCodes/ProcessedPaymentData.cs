using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

/// <summary>The latest payment taken by the code.</summary>
public sealed record ProcessedPaymentData(Money Amount, string PaymentId, string? FinancialTransactionReference);
