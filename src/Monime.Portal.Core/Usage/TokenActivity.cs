using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Monime.Portal.Usage;

/// <summary>
/// What one token's calls since the last flush leave for the writer: its newest calls for the request log, its
/// newest use, and the addresses that used it. Only this is kept, not every call, so a busy token holds a few
/// hundred calls in memory however many it makes, and they are short-lived.
/// </summary>
/// <remarks>
/// A 401 is someone presenting the token's lookup id with a wrong secret: it is logged, but it is not the token
/// being used, so it moves neither the last use nor the known addresses. Not thread-safe: the buffer's lock guards it.
/// </remarks>
public sealed class TokenActivity(Guid tokenId)
{
    private readonly Queue<ApiCall> _recent = new();
    private readonly Dictionary<string, AddressSeen> _addresses = new(StringComparer.Ordinal);

    public Guid TokenId { get; } = tokenId;

    /// <summary>The newest calls, oldest first, at most the request-log length.</summary>
    public IReadOnlyCollection<ApiCall> RecentCalls => _recent;

    /// <summary>The newest call that used the token, or null when every call was a wrong secret.</summary>
    public ApiCall? LastUse { get; private set; }

    /// <summary>Each address that used the token, with when it was first and last seen.</summary>
    public IReadOnlyDictionary<string, AddressSeen> Addresses => _addresses;

    /// <summary>
    /// Takes note of a call. The log grows up to <paramref name="logLength"/> while <paramref name="logRoom"/>,
    /// and each further call replaces the oldest; an address not seen before is noted only while
    /// <paramref name="addressRoom"/>.
    /// </summary>
    internal void Add(ApiCall call, int logLength, bool logRoom, bool addressRoom)
    {
        if (logLength > 0)
        {
            if (_recent.Count >= logLength || (!logRoom && _recent.Count > 0))
            {
                _recent.Dequeue();
            }

            _recent.Enqueue(call);
        }

        if (call.StatusCode == 401)
        {
            return;
        }

        if (LastUse is null || call.OccurredAt >= LastUse.OccurredAt)
        {
            LastUse = call;
        }

        if (call.Ip is { } ip)
        {
            ref var seen = ref CollectionsMarshal.GetValueRefOrNullRef(_addresses, ip);
            if (!Unsafe.IsNullRef(ref seen))
            {
                seen = seen.Including(call.OccurredAt);
            }
            else if (addressRoom)
            {
                _addresses[ip] = new AddressSeen(call.OccurredAt, call.OccurredAt);
            }
        }
    }

    /// <summary>Folds in the activity of an earlier batch that could not be written, as if it had never left.</summary>
    internal void AddEarlier(TokenActivity earlier, int logLength)
    {
        var merged = earlier._recent.Concat(_recent).TakeLast(Math.Max(0, logLength)).ToList();
        _recent.Clear();
        foreach (var call in merged)
        {
            _recent.Enqueue(call);
        }

        if (earlier.LastUse is { } use && (LastUse is null || use.OccurredAt > LastUse.OccurredAt))
        {
            LastUse = use;
        }

        foreach (var (ip, seen) in earlier._addresses)
        {
            _addresses[ip] = _addresses.TryGetValue(ip, out var current) ? current.Merge(seen) : seen;
        }
    }
}
