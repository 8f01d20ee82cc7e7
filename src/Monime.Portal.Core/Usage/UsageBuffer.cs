using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;

namespace Monime.Portal.Usage;

/// <summary>
/// Collects API calls in memory so that counting adds no database write to a request. A single lock keeps the
/// counts exact across a drain: a call is either in the batch being written or in the next one, never lost
/// between them. The lock is held for two dictionary updates, far below the cost of the request itself.
/// </summary>
/// <remarks>
/// Counts are kept whole. Of the calls themselves only what the writer stores is kept (<see cref="TokenActivity"/>):
/// the newest <see cref="UsageOptions.RequestLogLength"/> per token, the newest use and the addresses. Keeping
/// every call until the flush made each one outlive several garbage collections at tens of thousands of calls a
/// second. Log lines and addresses are each bounded by <see cref="UsageOptions.MaxBufferedRequests"/> (while the
/// database is away, batches pile up here): past it, each token's log stops growing and its new calls replace its
/// oldest, and an address not seen before in the batch is not noted, so its new-address alert is missed.
/// </remarks>
public sealed class UsageBuffer(IOptions<UsageOptions> options) : IUsageRecorder
{
    private readonly Lock _gate = new();
    private Dictionary<UsageBucketKey, long> _counts = [];
    private Dictionary<Guid, TokenActivity> _tokens = [];
    private int _logLines;
    private int _addresses;

    public void Record(ApiCall call)
    {
        ArgumentNullException.ThrowIfNull(call);
        var key = new UsageBucketKey(call.TokenId, HourOf(call.OccurredAt), call.Endpoint, call.StatusCode);
        var settings = options.Value;
        lock (_gate)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _)++;
            ref var activity = ref CollectionsMarshal.GetValueRefOrAddDefault(_tokens, call.TokenId, out _);
            activity ??= new TokenActivity(call.TokenId);
            var (lines, addresses) = (activity.RecentCalls.Count, activity.Addresses.Count);
            activity.Add(call, settings.RequestLogLength, _logLines < settings.MaxBufferedRequests,
                _addresses < settings.MaxBufferedRequests);
            _logLines += activity.RecentCalls.Count - lines;
            _addresses += activity.Addresses.Count - addresses;
        }
    }

    /// <summary>Takes everything recorded so far; recording goes on into a fresh buffer.</summary>
    public UsageBatch Drain()
    {
        lock (_gate)
        {
            var batch = new UsageBatch(_counts, [.. _tokens.Values]);
            _counts = [];
            _tokens = [];
            (_logLines, _addresses) = (0, 0);
            return batch;
        }
    }

    /// <summary>Puts back a batch that could not be written, so the next flush writes it.</summary>
    public void Restore(UsageBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var logLength = options.Value.RequestLogLength;
        lock (_gate)
        {
            foreach (var (key, calls) in batch.Counts)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _) += calls;
            }

            foreach (var earlier in batch.Tokens)
            {
                if (_tokens.TryGetValue(earlier.TokenId, out var current))
                {
                    current.AddEarlier(earlier, logLength);
                }
                else
                {
                    _tokens[earlier.TokenId] = earlier;
                }
            }

            _logLines = _tokens.Values.Sum(activity => activity.RecentCalls.Count);
            _addresses = _tokens.Values.Sum(activity => activity.Addresses.Count);
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
