using Testcontainers.PostgreSql;

namespace Monime.Portal.Testing;

/// <summary>
/// One PostgreSQL server per test run, found in this order: the one named by <c>MONIME_TEST_POSTGRES</c>
/// (the test script starts it), a Testcontainers container where a Docker engine answers, else a
/// throwaway cluster made from the locally installed binaries. Tests never skip for lack of Docker.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "MONIME_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> s_connectionString = new(StartAsync);

    /// <summary>Connection string of a superuser on the server's <c>postgres</c> database.</summary>
    public static Task<string> GetConnectionStringAsync() => s_connectionString.Value;

    private static async Task<string> StartAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            return given;
        }

        try
        {
            var container = new PostgreSqlBuilder("postgres:15-alpine").Build();
            await container.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return container.GetConnectionString();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // No Docker engine here: fall back to the installed PostgreSQL binaries.
            var cluster = await LocalPostgresCluster.StartAsync();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return cluster.ConnectionString;
        }
    }
}
