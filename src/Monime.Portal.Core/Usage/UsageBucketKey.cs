namespace Monime.Portal.Usage;

public readonly record struct UsageBucketKey(Guid TokenId, DateTimeOffset HourStart, string Endpoint, int StatusCode);
