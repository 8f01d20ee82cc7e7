using System.Collections.Concurrent;
using Monime.Portal.Usage;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Test only: keeps every recorded call in memory so tests can see what the pipeline recorded, and passes each
/// on to the portal's own buffered recorder.
/// </summary>
public sealed class CollectingUsageRecorder : IUsageRecorder
{
    private readonly ConcurrentQueue<ApiCall> _calls = new();

    public IUsageRecorder? Inner { get; set; }

    public IReadOnlyList<ApiCall> Calls => [.. _calls];

    public void Record(ApiCall call)
    {
        _calls.Enqueue(call);
        Inner?.Record(call);
    }
}
