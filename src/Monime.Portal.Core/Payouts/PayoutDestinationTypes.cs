namespace Monime.Portal.Payouts;

public static class PayoutDestinationTypes
{
    public const string Bank = "bank";

    public const string MobileMoney = "momo";

    public const string Wallet = "wallet";

    public static bool IsKnown(string? type) => type is Bank or MobileMoney or Wallet;
}
