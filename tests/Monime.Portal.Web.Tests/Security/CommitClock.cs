using System.Collections.Concurrent;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Test only: notes the instant each token change was reported committed. Registered ahead of the portal's
/// own notifier, it is told first, before the change has been acted on anywhere. It then holds the change back
/// for <see cref="Pause"/>, as a preempted thread or a garbage collection could, so that a window between the
/// commit and the eviction that is microseconds long in a quiet run is wide enough to be seen.
/// </summary>
public sealed class CommitClock(TimeProvider clock, TimeSpan pause) : ITokenChangeNotifier
{
    public TimeSpan Pause => pause;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _committed = new(StringComparer.Ordinal);

    public DateTimeOffset? CommittedAt(string lookupId) =>
        _committed.TryGetValue(lookupId, out var at) ? at : null;

    public IDisposable TokenChanging(string lookupId) => NothingToRelease.Instance;

    public async Task TokenChangedAsync(string lookupId, CancellationToken cancellationToken)
    {
        _committed.TryAdd(lookupId, clock.GetUtcNow());
        await Task.Delay(pause, cancellationToken);
    }

    private sealed class NothingToRelease : IDisposable
    {
        public static NothingToRelease Instance { get; } = new();

        public void Dispose()
        {
        }
    }
}
