namespace Monime.Portal.FinancialAccounts;

public sealed record CreateFinancialAccountInput(
    string? Name,
    string? Currency,
    string? Reference = null,
    string? Description = null,
    Dictionary<string, string>? Metadata = null);
