namespace Monime.Portal.Payouts;

public sealed record PayoutSource(string? FinancialAccountId, string? TransactionReference = null);
