namespace Monime.Portal.Tokens;

/// <summary>Derived from a token's dates, never stored, so it cannot drift from them.</summary>
public enum TokenStatus
{
    Active = 0,
    Expired = 1,
    Revoked = 2,
}
