namespace Monime.Portal.Payouts;

public sealed record PayoutFailureDetail(string Code, string Message);
