namespace Monime.Portal.Usage;

public sealed record EndpointUsage(string Endpoint, long Calls, long Errors);
