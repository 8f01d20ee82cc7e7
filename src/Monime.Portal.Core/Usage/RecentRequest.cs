namespace Monime.Portal.Usage;

/// <summary>One line of a token's recent-request log; <see cref="Reason"/> is set when the API refused.</summary>
public sealed record RecentRequest(
    DateTimeOffset OccurredAt, string Method, string Endpoint, int StatusCode, string? Ip, int DurationMs,
    string RequestId, string? SpaceId, string? Reason);
