namespace Monime.Portal.Tokens;

/// <summary>
/// One step of the API's decision, as the owner of the token may read it: whether it passed, the API's
/// <c>error.reason</c> when it did not, and what to change.
/// </summary>
public sealed record AccessCheck(string Name, bool Passed, string? Reason, string Summary, string? Advice = null);
