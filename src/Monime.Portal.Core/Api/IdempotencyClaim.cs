namespace Monime.Portal.Api;

/// <summary>The answer to "may this request run under its key?"; a replay carries the stored answer.</summary>
public sealed record IdempotencyClaim(IdempotencyOutcome Outcome, int StatusCode = 0, string? ResponseBody = null);
