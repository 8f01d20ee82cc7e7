using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.Payouts;

/// <summary>Money sent out of a Space to a bank account, mobile-money number or wallet.</summary>
public sealed class Payout : IMoneyResource
{
    public required string Id { get; set; }

    public required string SpaceId { get; set; }

    public TokenMode Mode { get; set; }

    public required string Status { get; set; }

    public required Money Amount { get; set; }

    public string? SourceFinancialAccountId { get; set; }

    public string? SourceTransactionReference { get; set; }

    public required string DestinationType { get; set; }

    public required string DestinationProviderId { get; set; }

    public string? DestinationAccountNumber { get; set; }

    public string? DestinationPhoneNumber { get; set; }

    public string? DestinationWalletId { get; set; }

    public string? FailureCode { get; set; }

    public string? FailureMessage { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Row version: a cancel racing another change is refused rather than silently applied.</summary>
    public uint Version { get; set; }
}
