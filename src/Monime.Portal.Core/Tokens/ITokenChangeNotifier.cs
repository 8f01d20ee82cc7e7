namespace Monime.Portal.Tokens;

/// <summary>
/// Told after a token was revoked, rotated or shortened and the change committed, so that anything
/// remembering the token (the API's verification cache, on this and other instances) forgets it.
/// </summary>
public interface ITokenChangeNotifier
{
    Task TokenChangedAsync(string lookupId, CancellationToken cancellationToken);
}
