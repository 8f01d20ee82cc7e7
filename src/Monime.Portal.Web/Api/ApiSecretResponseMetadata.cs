namespace Monime.Portal.Web.Api;

/// <summary>
/// Marks an endpoint whose answer carries a token secret in <c>result.token</c>. The idempotency store keeps
/// its answer with that field blanked: the database holds only hashes of secrets, and a replay under a guessed
/// or leaked key must not hand a new secret to whoever holds the old token.
/// </summary>
public sealed record ApiSecretResponseMetadata;
