using Monime.Portal.Testing;
using Xunit;

namespace Monime.Portal.Web.Tests.ScaleOut;

/// <summary>Two portal instances in one process on one database of their own, as behind a load balancer.</summary>
public sealed class ScaleOutCluster : IAsyncLifetime, IDisposable
{
    private ScaleOutAppFactory? _a;
    private ScaleOutAppFactory? _b;

    public ScaleOutAppFactory A => _a ?? throw new InvalidOperationException("The cluster is not started.");

    public ScaleOutAppFactory B => _b ?? throw new InvalidOperationException("The cluster is not started.");

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = await TestDatabase.CreateIsolatedAsync("scale");
        _a = new ScaleOutAppFactory(ConnectionString, "monime-scale-a");
        _b = new ScaleOutAppFactory(ConnectionString, "monime-scale-b");
        await _a.InitializeAsync();
        await _b.InitializeAsync();

        // Both hosts start now, each with its own LISTEN connection, before any test acts.
        _ = _a.Services;
        _ = _b.Services;
    }

    public async Task DisposeAsync()
    {
        if (_a is not null)
        {
            await _a.DisposeAsync();
        }

        if (_b is not null)
        {
            await _b.DisposeAsync();
        }
    }

    // The hosts are disposed asynchronously above; this covers a cluster that is dropped without that call.
    public void Dispose()
    {
        _a?.Dispose();
        _b?.Dispose();
    }
}
