namespace Monime.Portal.Payouts;

public static class PayoutStatuses
{
    public const string Pending = "pending";

    public const string Processing = "processing";

    public const string Completed = "completed";

    public const string Failed = "failed";

    public const string Cancelled = "cancelled";
}
