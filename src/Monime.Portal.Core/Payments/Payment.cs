using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.Payments;

/// <summary>Money received into a Space; here only ever through a payment code.</summary>
public sealed class Payment : IMoneyResource
{
    public required string Id { get; set; }

    public required string SpaceId { get; set; }

    public TokenMode Mode { get; set; }

    public required string Status { get; set; }

    public required Money Amount { get; set; }

    public required string ChannelType { get; set; }

    public required string ChannelProvider { get; set; }

    public string? ChannelPhoneNumber { get; set; }

    public string? Name { get; set; }

    public string? Reference { get; set; }

    public string? FinancialAccountId { get; set; }

    public string? FinancialTransactionReference { get; set; }

    /// <summary>The payment code that took the payment; Monime shows it as the owner in the ownership graph.</summary>
    public required string PaymentCodeId { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
