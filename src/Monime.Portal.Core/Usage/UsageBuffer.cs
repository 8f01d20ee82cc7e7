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
    private List<ApiCall> _calls = [];

    public void Record(ApiCall call)
    {
        var key = new UsageBucketKey(call.TokenId, HourOf(call.OccurredAt), call.Endpoint, call.StatusCode);
        lock (_gate)
        {
            _counts[key] = _counts.GetValueOrDefault(key) + 1;
            _calls.Add(call);
            if (_calls.Count > options.Value.MaxBufferedRequests)
            {
                _calls.RemoveRange(0, _calls.Count - options.Value.MaxBufferedRequests);
            }
        }
    }

    /// <summary>Takes everything recorded so far; recording goes on into a fresh buffer.</summary>
    public UsageBatch Drain()
    {
        lock (_gate)
        {
            var batch = new UsageBatch(_counts, _calls);
            _counts = [];
            _calls = [];
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

            _calls.InsertRange(0, batch.Calls);
            if (_calls.Count > options.Value.MaxBufferedRequests)
            {
                _calls.RemoveRange(0, _calls.Count - options.Value.MaxBufferedRequests);
            }
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
