namespace Monime.Portal.Tokens;

/// <summary>The expiry choices of the create dialog.</summary>
public enum TokenExpiry
{
    TwoMonths = 0,
    OneYear = 1,
    Custom = 2,
    None = 3,
}
