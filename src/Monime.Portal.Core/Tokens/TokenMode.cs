namespace Monime.Portal.Tokens;

/// <summary>Test tokens reach only simulated data; live tokens only real data. Never both.</summary>
public enum TokenMode
{
    Test = 0,
    Live = 1,
}
