namespace Monime.Portal.Api;

public enum IdempotencyOutcome
{
    /// <summary>The key is new: this request runs and its answer will be stored.</summary>
    Started = 0,

    /// <summary>The same request was answered before: replay the stored answer.</summary>
    Replay = 1,

    /// <summary>The key was used with a different request.</summary>
    KeyInUse = 2,

    /// <summary>The first request under this key is still running.</summary>
    InProgress = 3,
}
