namespace Monime.Portal.Usage;

/// <summary>
/// One API call made with a token. <paramref name="Endpoint"/> is the route template (<c>GET /v1/payments/{id}</c>),
/// never the raw path, so that counters do not grow with every id. <paramref name="Reason"/> is the refusal
/// reason when the API said no. <paramref name="AuthorizedAt"/> is when the call was let through (null when it
/// was refused), which may be well before <paramref name="OccurredAt"/>, the end of the call.
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
    string? Permission = null,
    DateTimeOffset? AuthorizedAt = null);
