using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.FinancialAccounts;

/// <summary>A wallet of one currency inside a Space; payments credit it and payouts debit it.</summary>
public sealed class FinancialAccount : IScopedResource
{
    public required string Id { get; set; }

    public required string SpaceId { get; set; }

    public TokenMode Mode { get; set; }

    /// <summary>Unique virtual account number: the number people and banks quote to pay into the account.</summary>
    public required string Uvan { get; set; }

    public required string Name { get; set; }

    public required string Currency { get; set; }

    public string? Reference { get; set; }

    public string? Description { get; set; }

    /// <summary>Available balance in minor units; changed only by atomic SQL updates, never read-then-write.</summary>
    public long BalanceAvailable { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
