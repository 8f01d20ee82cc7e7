namespace Monime.Portal.Tokens;

/// <summary>
/// Where <see cref="TokenService"/> gets each new token. The service owns what happens when a lookup id is
/// already taken; this seam lets a test hand out a taken one on purpose and watch it issue again.
/// </summary>
public interface ITokenIssuer
{
    IssuedToken Issue(TokenMode mode);
}
