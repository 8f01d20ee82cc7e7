namespace Monime.Portal.Accounts;

public sealed record AdministrationResult(AdministrationOutcome Outcome, string? Message = null)
{
    public static AdministrationResult Changed { get; } = new(AdministrationOutcome.Changed);

    public static AdministrationResult Unchanged { get; } = new(AdministrationOutcome.Unchanged);

    public static AdministrationResult NotFound { get; } = new(AdministrationOutcome.NotFound);

    public static AdministrationResult Refused(string message) => new(AdministrationOutcome.Refused, message);
}
