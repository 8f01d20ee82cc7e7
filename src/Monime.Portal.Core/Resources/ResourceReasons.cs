namespace Monime.Portal.Resources;

/// <summary>The stable, machine-readable reasons of refusals that the resource services decide.</summary>
public static class ResourceReasons
{
    public const string InvalidLimit = "invalid_limit";

    public const string InvalidCursor = "invalid_cursor";

    public const string LiveModeSimulation = "simulation_unavailable_in_live_mode";

    public const string PaymentCodeNotPayable = "payment_code_not_payable";

    public const string PayoutNotCancellable = "payout_not_cancellable";

    public const string Conflict = "conflict";
}
