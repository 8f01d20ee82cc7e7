namespace Monime.Portal.Tokens;

/// <summary>Issues from the CSPRNG; the only issuer the portal registers.</summary>
public sealed class RandomTokenIssuer : ITokenIssuer
{
    public IssuedToken Issue(TokenMode mode) => TokenFormat.Issue(mode);
}
