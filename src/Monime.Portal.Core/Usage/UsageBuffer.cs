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
/// second. Log lines and addresses together are bounded by <see cref="UsageOptions.MaxBufferedRequests"/> (while
/// the database is away, batches pile up here): past it, each token's log stops growing and new calls replace its
/// oldest, and addresses not seen before in the batch are not noted, so a new-address alert can be missed then.
/// </remarks>
public sealed class UsageBuffer(IOptions<UsageOptions> options) : IUsageRecorder
{
    private readonly Lock _gate = new();
    private Dictionary<UsageBucketKey, long> _counts = [];
    private Dictionary<Guid, TokenActivity> _tokens = [];
    private int _held;

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
            _held += activity.Add(call, settings.RequestLogLength, _held < settings.MaxBufferedRequests);
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
            _held = 0;
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

            _held = _tokens.Values.Sum(activity => activity.Held);
        }
    }

    private static DateTimeOffset HourOf(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
}
