using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Monime.Portal.Api;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Calls per second per token, one fixed window per token, sized by mode. Refusals are answered 429 by the
/// pipeline, never 503 (the framework's rate-limiting middleware defaults to 503, which clients read as an outage).
/// </summary>
public sealed class ApiTokenRateLimiter : IDisposable
{
    public const string LiveLimit = "token-live-per-second";

    public const string TestLimit = "token-test-per-second";

    private readonly PartitionedRateLimiter<VerifiedToken> _limiter;

    public ApiTokenRateLimiter(IOptions<ApiOptions> options)
    {
        var limits = options.Value.RateLimits;
        _limiter = PartitionedRateLimiter.Create<VerifiedToken, Guid>(token =>
            RateLimitPartition.GetFixedWindowLimiter(token.Id, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, token.Mode == TokenMode.Live ? limits.LivePerSecond : limits.TestPerSecond),
                Window = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    /// <summary>Null when the call may go on; otherwise the refusal to answer.</summary>
    public ApiRefusal? TryAcquire(VerifiedToken token)
    {
        using var lease = _limiter.AttemptAcquire(token);
        if (lease.IsAcquired)
        {
            return null;
        }

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return new ApiRefusal(StatusCodes.Status429TooManyRequests, ApiReasons.RateLimited,
            "This token made too many calls; wait before calling again.")
        {
            RateLimit = token.Mode == TokenMode.Live ? LiveLimit : TestLimit,
            RetryAfter = retryAfter,
        };
    }

    public void Dispose() => _limiter.Dispose();
}
