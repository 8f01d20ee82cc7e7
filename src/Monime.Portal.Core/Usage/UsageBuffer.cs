using Microsoft.Extensions.Options;

namespace Monime.Portal.Usage;

/// <summary>
/// Collects API calls in memory so that counting adds no database write to a request. A single lock keeps the
/// counts exact across a drain: a call is either in the batch being written or in the next one, never lost
/// between them. The lock is held for a dictionary update, far below the cost of the request itself.
/// </summary>
public sealed class UsageBuffer(IOptions<UsageOptions> options) : IUsageRecorder
{
    private readonly Lock _gate = new();
    private Dictionary<UsageBucketKey, long> _counts = [];
    private Queue<ApiCall> _calls = new();

    public void Record(ApiCall call)
    {
        var key = new UsageBucketKey(call.TokenId, HourOf(call.OccurredAt), call.Endpoint, call.StatusCode);
        lock (_gate)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;

            // A queue drops its oldest line in constant time; the lock must stay short on the API's hot path.
            _calls.Enqueue(call);
            if (_calls.Count > options.Value.MaxBufferedRequests)
            {
                _calls.Dequeue();
            }
        }
    }

    /// <summary>Takes everything recorded so far; recording goes on into a fresh buffer.</summary>
    public UsageBatch Drain()
    {
        lock (_gate)
        {
            var batch = new UsageBatch(_counts, [.. _calls]);
            _counts = [];
            _calls = new Queue<ApiCall>();
            return batch;
        }
    }

    /// <summary>Puts back a batch that could not be written, so the next flush writes it.</summary>
    public void Restore(UsageBatch batch)
    {
        lock (_gate)
        {
            foreach (var (key, calls) in batch.Counts)
            {
                _counts[key] = _counts.GetValueOrDefault(key) + calls;
            }

            var newestLast = batch.Calls.Concat(_calls).TakeLast(options.Value.MaxBufferedRequests);
            _calls = new Queue<ApiCall>(newestLast);
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
