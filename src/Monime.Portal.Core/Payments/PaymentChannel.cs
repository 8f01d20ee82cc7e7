namespace Monime.Portal.Payments;

public sealed record PaymentChannel(string Type, string Provider, string? PhoneNumber);
