namespace Monime.Portal.Payouts;

/// <summary>Where a payout goes; which number is needed depends on <see cref="Type"/>.</summary>
public sealed record PayoutDestination(
    string? Type,
    string? ProviderId,
    string? AccountNumber = null,
    string? PhoneNumber = null,
    string? WalletId = null);
