using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monime.Portal.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster made from the installed binaries, without fsync. initdb refuses to run as
/// root, so as root the cluster belongs to the <c>postgres</c> user. Fault tests stop and start it at will.
/// </summary>
/// <remarks>
/// Commits stay synchronous: a stop is immediate (a crash, to the server), and with asynchronous commits the
/// last 200 ms of committed work would be lost on restart, such as the row a sign-in just read, which then
/// fails a fault test for a reason no production server has. Without fsync a commit still reaches the kernel,
/// which outlives the server process.
/// </remarks>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _data;
    private readonly bool _asRoot = Environment.UserName == "root";

    private LocalPostgresCluster(string bin, string data, int port)
    {
        _bin = bin;
        _data = data;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres";

    public static async Task<LocalPostgresCluster> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .FirstOrDefault(dir => File.Exists(Path.Combine(dir, "initdb")))
            ?? throw new InvalidOperationException("No PostgreSQL binaries under /usr/lib/postgresql.");
        var cluster = new LocalPostgresCluster(bin, Directory.CreateTempSubdirectory("monime-pg-").FullName, FreePort());
        if (cluster._asRoot)
        {
            await RunAsync("chown", $"postgres:postgres {cluster._data}", asPostgres: false);
        }

        await cluster.RunAsync("initdb", $"-D {cluster._data} -U postgres -A trust -E UTF8");
        await cluster.StartServerAsync();
        return cluster;
    }

    public Task StartServerAsync() =>
        RunAsync("pg_ctl",
            $"-D {_data} -l {_data}/server.log -w -t 60 -o \"-p {Port} -c listen_addresses=127.0.0.1 " +
            "-c unix_socket_directories='' -c fsync=off -c max_connections=300\" start");

    public Task StopServerAsync() => RunAsync("pg_ctl", $"-D {_data} -m immediate -w stop");

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopServerAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped by a fault test.
        }

        Directory.Delete(_data, recursive: true);
    }

    private Task RunAsync(string tool, string arguments) => RunAsync(Path.Combine(_bin, tool), arguments, _asRoot);

    private static async Task RunAsync(string file, string arguments, bool asPostgres)
    {
        var start = asPostgres
            ? new ProcessStartInfo("runuser", $"-u postgres -- {file} {arguments}")
            : new ProcessStartInfo(file, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
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
