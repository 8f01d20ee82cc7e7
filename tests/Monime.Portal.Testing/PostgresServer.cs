using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
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
            return await LocalCluster.StartAsync();
        }
    }

    private static class LocalCluster
    {
        public static async Task<string> StartAsync()
        {
            var bin = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")))
                ?? throw new InvalidOperationException("Neither Docker nor PostgreSQL binaries are available.");
            var data = Directory.CreateTempSubdirectory("monime-pg-").FullName;
            var port = FreePort();
            var asRoot = Environment.UserName == "root";
            if (asRoot)
            {
                await RunAsync("chown", $"postgres:postgres {data}");
            }

            await RunAsync(Path.Combine(bin, "initdb"), $"-D {data} -U postgres -A trust -E UTF8", asRoot);
            await RunAsync(Path.Combine(bin, "pg_ctl"),
                $"-D {data} -l {data}/server.log -w -t 60 -o \"-p {port} -c listen_addresses=127.0.0.1 " +
                "-c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c max_connections=300\" start",
                asRoot);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                RunAsync(Path.Combine(bin, "pg_ctl"), $"-D {data} -m immediate stop", asRoot).GetAwaiter().GetResult();
            return $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
        }

        private static async Task RunAsync(string file, string arguments, bool asPostgres = false)
        {
            var start = asPostgres
                ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
                : new ProcessStartInfo(file, arguments);
            start.RedirectStandardOutput = true;
            start.RedirectStandardError = true;
            using var process = Process.Start(start)!;
            var output = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {output}");
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
