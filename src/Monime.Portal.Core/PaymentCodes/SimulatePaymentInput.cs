namespace Monime.Portal.PaymentCodes;

/// <summary>Who pays in a simulated payment; both optional, a plausible mobile-money payer by default.</summary>
public sealed record SimulatePaymentInput(string? PhoneNumber = null, string? ProviderId = null);
