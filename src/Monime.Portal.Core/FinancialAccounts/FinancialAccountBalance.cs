using Monime.Portal.Resources;

namespace Monime.Portal.FinancialAccounts;

public sealed record FinancialAccountBalance(Money Available);
