namespace Monime.Portal.Payments;

public static class PaymentStatuses
{
    public const string Pending = "pending";

    public const string Processing = "processing";

    public const string Completed = "completed";
}
