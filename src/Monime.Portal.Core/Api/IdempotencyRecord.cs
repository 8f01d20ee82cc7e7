namespace Monime.Portal.Api;

/// <summary>
/// The first answer given to a request carrying an <c>Idempotency-Key</c>. The same key with the same request
/// replays it; with a different request it is refused. Pruned after 24 hours.
/// </summary>
public sealed class IdempotencyRecord
{
    public long Id { get; set; }

    /// <summary>Whose key it is: the token owner, the mode and the Space, so keys of two callers never meet.</summary>
    public required string Scope { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of method, path and body: tells a replay from a different request under the same key.</summary>
    public required string RequestHash { get; set; }

    public int StatusCode { get; set; }

    public required string ResponseBody { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
