using Monime.Portal.Resources;
using Monime.Portal.Tokens;

namespace Monime.Portal.PaymentCodes;

/// <summary>A USSD code a customer dials to pay into a Space; one-time or recurrent.</summary>
public sealed class PaymentCode : IScopedResource
{
    public required string Id { get; set; }

    public required string SpaceId { get; set; }

    public TokenMode Mode { get; set; }

    /// <summary><c>one_time</c> or <c>recurrent</c> (see <see cref="PaymentCodeModes"/>).</summary>
    public required string UsageMode { get; set; }

    /// <summary>Stored status; <c>expired</c> is derived on read from <see cref="ExpireTime"/>.</summary>
    public required string Status { get; set; }

    public required string Name { get; set; }

    public required Money Amount { get; set; }

    public bool Enable { get; set; }

    public DateTimeOffset ExpireTime { get; set; }

    public string? CustomerName { get; set; }

    public required string UssdCode { get; set; }

    public string? Reference { get; set; }

    public string? AuthorizedPhoneNumber { get; set; }

    public int? ExpectedPaymentCount { get; set; }

    /// <summary>Target total in minor units of <see cref="Amount"/>'s currency.</summary>
    public long? ExpectedPaymentTotal { get; set; }

    public string? FinancialAccountId { get; set; }

    public int PaymentCount { get; set; }

    public long PaidTotal { get; set; }

    public string? LastPaymentId { get; set; }

    public string? LastTransactionReference { get; set; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Row version: two payments racing on a one-time code cannot both be accepted.</summary>
    public uint Version { get; set; }

    public string StatusAt(DateTimeOffset now) =>
        Status is PaymentCodeStatuses.Pending or PaymentCodeStatuses.Processing && ExpireTime <= now
            ? PaymentCodeStatuses.Expired
            : Status;
}
