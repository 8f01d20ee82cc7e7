using Monime.Portal.Resources;

namespace Monime.Portal.PaymentCodes;

/// <summary>When a recurrent code is done: after so many payments, or once so much has been paid.</summary>
public sealed record RecurrentPaymentTarget(int? ExpectedPaymentCount, Money? ExpectedPaymentTotal);
