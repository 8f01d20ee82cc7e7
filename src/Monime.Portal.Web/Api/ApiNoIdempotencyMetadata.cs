namespace Monime.Portal.Web.Api;

/// <summary>
/// Marks a POST that changes nothing (token introspection). Its <c>Idempotency-Key</c> is ignored: a retry is
/// safe without one, and the body, which carries another token's secret, is never hashed into the key store.
/// </summary>
public sealed record ApiNoIdempotencyMetadata;
