namespace Monime.Portal.Usage;

/// <summary>
/// One API call made with a token. <paramref name="Endpoint"/> is the route template (<c>GET /v1/payments/{id}</c>),
/// never the raw path, so that counters do not grow with every id. <paramref name="Reason"/> is the refusal
/// reason when the API said no.
/// </summary>
public sealed record ApiCall(
    Guid TokenId,
    DateTimeOffset OccurredAt,
    string Method,
    string Endpoint,
    int StatusCode,
    string? Ip,
    int DurationMs,
    string RequestId,
    string? SpaceId = null,
    string? Reason = null,
    string? Permission = null);
