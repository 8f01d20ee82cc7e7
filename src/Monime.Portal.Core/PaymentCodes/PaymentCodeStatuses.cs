namespace Monime.Portal.PaymentCodes;

public static class PaymentCodeStatuses
{
    public const string Pending = "pending";

    public const string Processing = "processing";

    public const string Completed = "completed";

    public const string Cancelled = "cancelled";

    public const string Expired = "expired";
}
