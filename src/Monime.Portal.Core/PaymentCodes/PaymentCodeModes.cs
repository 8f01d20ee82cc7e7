namespace Monime.Portal.PaymentCodes;

public static class PaymentCodeModes
{
    public const string OneTime = "one_time";

    public const string Recurrent = "recurrent";

    public static bool IsKnown(string? mode) => mode is OneTime or Recurrent;
}
