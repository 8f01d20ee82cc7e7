namespace Monime.Portal.Usage;

/// <summary>Calls in one slot of a chart; errors are the answers with a status of 400 or above.</summary>
public sealed record UsagePoint(DateTimeOffset Start, long Calls, long Errors);
