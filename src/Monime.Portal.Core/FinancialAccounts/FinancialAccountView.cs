using Monime.Portal.Resources;

namespace Monime.Portal.FinancialAccounts;

/// <summary>A financial account as Monime's API writes it.</summary>
public sealed record FinancialAccountView(
    string Id,
    string Uvan,
    string Name,
    string Currency,
    string? Reference,
    string? Description,
    FinancialAccountBalance Balance,
    DateTimeOffset CreateTime,
    DateTimeOffset UpdateTime,
    IReadOnlyDictionary<string, string>? Metadata)
{
    public static FinancialAccountView Of(FinancialAccount account) => new(
        account.Id, account.Uvan, account.Name, account.Currency, account.Reference, account.Description,
        new FinancialAccountBalance(new Money(account.Currency, account.BalanceAvailable)),
        account.CreatedAt, account.UpdatedAt, account.Metadata.Count == 0 ? null : account.Metadata);
}
