namespace Monime.Portal.PaymentCodes;

public sealed record PaymentCodeCustomer(string? Name);
