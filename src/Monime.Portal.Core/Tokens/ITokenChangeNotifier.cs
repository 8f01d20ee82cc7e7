namespace Monime.Portal.Tokens;

/// <summary>
/// Told around every revocation, rotation or shortening of a token, so that anything remembering the token
/// (the API's verification cache, on this and other instances) stops trusting it no later than the commit.
/// </summary>
public interface ITokenChangeNotifier
{
    /// <summary>
    /// Told before the change is saved. The returned scope is disposed once the save has committed or failed,
    /// after <see cref="TokenChangedAsync"/> when it committed.
    /// </summary>
    IDisposable TokenChanging(string lookupId);

    /// <summary>Told after the change committed.</summary>
    Task TokenChangedAsync(string lookupId, CancellationToken cancellationToken);
}
