using Monime.Portal.Resources;

namespace Monime.Portal.Payments;

public sealed record PaymentFee(string Code, Money Amount);
