namespace Monime.Portal.Tokens;

public enum TokenChangeResult
{
    Changed = 0,

    /// <summary>Nothing to do (already revoked, grace already over): the caller's wish already holds.</summary>
    Unchanged = 1,

    /// <summary>No such token, or not one the actor may change; the two are not told apart.</summary>
    NotFound = 2,

    /// <summary>The token is in a state that forbids the change, e.g. rotating a revoked token.</summary>
    Refused = 3,
}
