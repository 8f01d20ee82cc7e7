namespace Monime.Portal.Usage;

/// <summary>Calls answered with one class of status: <c>2xx</c>, <c>3xx</c>, <c>4xx</c> or <c>5xx</c>.</summary>
public sealed record StatusClassUsage(string StatusClass, long Calls);
