using Monime.Portal.Testing;
using Npgsql;

namespace Monime.Portal.Web.Tests.ScaleOut;

/// <summary>
/// One portal instance of a two-instance cluster: its own host, DI container, caches, LISTEN connection and usage
/// buffer, over a database it shares with the other instance. The instance's name goes into the PostgreSQL
/// application name, so a test can find and cut exactly this instance's connections.
/// </summary>
public sealed class ScaleOutAppFactory(string databaseConnectionString, string instanceName) : PortalAppFactory
{
    public string InstanceName { get; } = instanceName;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimits:LivePerSecond"] = "10000",
        ["Api:RateLimits:TestPerSecond"] = "10000",
        ["Api:FailuresPerIpPerMinute"] = "100000",
        ["Api:FailuresPerInstancePerSecond"] = "100000",
    };

    public override Task InitializeAsync()
    {
        UseConnectionString(new NpgsqlConnectionStringBuilder(databaseConnectionString)
        {
            ApplicationName = InstanceName,
        }.ConnectionString);
        return Task.CompletedTask;
    }
}
