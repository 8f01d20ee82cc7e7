namespace Monime.Portal.Web.Api;

public static class ApiHeaders
{
    public const string RequestId = "Monime-Request-Id";

    public const string Version = "Monime-Version";

    public const string SpaceId = "Monime-Space-Id";

    public const string RateLimit = "Monime-Rate-Limit";

    public const string IdempotencyKey = "Idempotency-Key";

    public const string IdempotencyReplayed = "Idempotency-Replayed";
}
