using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal;
using Monime.Portal.Bench;
using Monime.Portal.Data;

// Benchmarks only. "CONNECTION BASE-A BASE-B PID-B TERM|KILL FLUSH-SECONDS": issues one token per node (through
// TokenService in this process), keeps callers busy on both nodes, and after two flush intervals sends the
// signal to node B, whose PID the script gives (the script started it). Load goes on until B has exited and a
// little longer on A. Then each node's successful answers are compared with the usage stored for its token:
// TERM must lose nothing and cut off no call; KILL may lose only what B answered within its last flush window.
// Secrets stay in memory and are never printed.
if (args is not [var connectionString, var baseA, var baseB, var victimPidText, var signal, var flushText]
    || signal is not ("TERM" or "KILL"))
{
    await Console.Error.WriteLineAsync("usage: UsageCrash CONNECTION BASE-A BASE-B PID-B TERM|KILL FLUSH-SECONDS");
    return 2;
}

const int CallersPerNode = 32;
var victimPid = int.Parse(victimPidText, CultureInfo.InvariantCulture);
var flushInterval = TimeSpan.FromSeconds(double.Parse(flushText, CultureInfo.InvariantCulture));

// A flush's own write and the scheduling around it stretch the time between two drains a little past the
// interval; calls answered in this slack may also be lost by a crash, and the bound counts them.
var flushSlack = TimeSpan.FromSeconds(0.5);
var shutdownLimit = TimeSpan.FromSeconds(30);
var loadBeforeSignal = (2 * flushInterval) + TimeSpan.FromSeconds(1);
var loadAfterExit = TimeSpan.FromSeconds(2);

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = connectionString })
    .Build();
await using var services = new ServiceCollection().AddLogging().AddPortalCore(configuration).BuildServiceProvider();
var (tokenA, idA) = await BenchTokens.IssueAsync(services, "usage crash A");
var (tokenB, idB) = await BenchTokens.IssueAsync(services, "usage crash B");

var clock = Stopwatch.StartNew();
using var nodeA = new NodeLoad("A", new Uri(baseA), tokenA, clock);
using var nodeB = new NodeLoad("B", new Uri(baseB), tokenB, clock);
using var stop = new CancellationTokenSource();
var load = Task.WhenAll(nodeA.RunAsync(CallersPerNode, stop.Token), nodeB.RunAsync(CallersPerNode, stop.Token));
await Task.Delay(loadBeforeSignal);

var signalled = await SignalAsync(victimPid, signal, clock);
var exited = await WaitForExitAsync(victimPid, clock, shutdownLimit + TimeSpan.FromSeconds(5));
await Task.Delay(loadAfterExit);
await stop.CancelAsync();
await load;

var answeredA = nodeA.Calls.Count(call => call.Succeeded);
var answeredB = nodeB.Calls.Count(call => call.Succeeded);

// B has exited, so its count is final; A is still running and writes its usage on its timer.
var storedB = await StoredSuccessesAsync(services, idB);
var storedA = await WaitForStoredAsync(services, idA, answeredA, (2 * flushInterval) + TimeSpan.FromSeconds(5));

var mode = signal == "TERM" ? "graceful (SIGTERM)" : "crash (kill -9)";
var exitedAfter = exited is { } at ? (at - signalled).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s"
    : "did not exit";
var inFlight = nodeB.Calls.Where(call => call.Sent < signalled && call.Ended > signalled).ToList();
var cutOff = nodeB.Calls.Count(call => call.Outcome == CallOutcome.CutOff);
var window = flushInterval + flushSlack;
var answeredInWindow = nodeB.Calls.Count(call => call.Succeeded
    && call.Ended > signalled - window && call.Ended <= signalled);
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant,
    $"{mode}: flush interval {flushInterval.TotalSeconds} s, {CallersPerNode} callers per node, " +
    $"signal after {signalled.TotalSeconds:F1} s of load, node B exited {exitedAfter} after it"));
Console.WriteLine(Report(nodeA, answeredA, storedA));
Console.WriteLine(Report(nodeB, answeredB, storedB));
Console.WriteLine(string.Create(invariant,
    $"node B at the signal: {inFlight.Count} calls in flight, {inFlight.Count(call => call.Succeeded)} of them " +
    $"answered 2xx; calls cut off (sent, never answered) {cutOff}"));
Console.WriteLine(string.Create(invariant,
    $"N = {answeredA + answeredB} calls answered 2xx across both nodes, usage recorded {storedA + storedB}, " +
    $"delta {answeredA + answeredB - (storedA + storedB)}"));

bool passed;
if (signal == "TERM")
{
    passed = exited is not null && answeredA == storedA && answeredB == storedB && cutOff == 0;
    Console.WriteLine(string.Create(invariant,
        $"graceful: delta {answeredB - storedB} on B and {answeredA - storedA} on A (target 0), " +
        $"calls cut off {cutOff} (target 0) {(passed ? "PASS" : "FAIL")}"));
}
else
{
    var lost = answeredB - storedB;
    var lostSeconds = answeredInWindow == 0 ? 0 : lost * window.TotalSeconds / answeredInWindow;
    passed = exited is not null && answeredA == storedA && lost >= 0 && lost <= answeredInWindow;
    Console.WriteLine(string.Create(invariant,
        $"crash: lost events {lost} on B (about {lostSeconds:F1} s of its traffic, the time since its last " +
        $"flush); B answered {answeredInWindow} calls in the last flush window " +
        $"({window.TotalSeconds} s) before the kill; delta on A {answeredA - storedA} " +
        $"(target: lost <= window, A 0) {(passed ? "PASS" : "FAIL")}"));
}

return passed ? 0 : 1;

static string Report(NodeLoad node, long answered, long stored)
{
    var calls = node.Calls;
    var otherStatuses = calls.Count(call => call.Outcome == CallOutcome.Answered && !call.Succeeded);
    var refused = calls.Count(call => call.Outcome == CallOutcome.Refused);
    return string.Create(CultureInfo.InvariantCulture,
        $"node {node.Name}: {calls.Count} calls, answered 2xx {answered}, usage stored {stored}, " +
        $"delta {answered - stored}, other statuses {otherStatuses}, refused connections {refused}");
}

static async Task<TimeSpan> SignalAsync(int pid, string signal, Stopwatch clock)
{
    using var kill = Process.Start("kill", ["-" + signal, pid.ToString(CultureInfo.InvariantCulture)]);
    await kill.WaitForExitAsync();
    return kill.ExitCode == 0
        ? clock.Elapsed
        : throw new InvalidOperationException($"kill -{signal} {pid} failed with status {kill.ExitCode}.");
}

// The script that started the node has not reaped it yet, so an exited node shows as a zombie ("Z").
static async Task<TimeSpan?> WaitForExitAsync(int pid, Stopwatch clock, TimeSpan limit)
{
    var waited = Stopwatch.StartNew();
    while (waited.Elapsed < limit)
    {
        var stat = $"/proc/{pid}/stat";
        if (!File.Exists(stat) || (await File.ReadAllTextAsync(stat)) is var text && text[(text.LastIndexOf(')') + 2)..]
            .StartsWith('Z'))
        {
            return clock.Elapsed;
        }

        await Task.Delay(10);
    }

    return null;
}

static async Task<long> WaitForStoredAsync(IServiceProvider services, Guid tokenId, long expected, TimeSpan limit)
{
    var waited = Stopwatch.StartNew();
    var stored = await StoredSuccessesAsync(services, tokenId);
    while (stored < expected && waited.Elapsed < limit)
    {
        await Task.Delay(250);
        stored = await StoredSuccessesAsync(services, tokenId);
    }

    return stored;
}

static async Task<long> StoredSuccessesAsync(IServiceProvider services, Guid tokenId)
{
    await using var scope = services.CreateAsyncScope();
    return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().TokenUsageBuckets
        .Where(bucket => bucket.TokenId == tokenId && bucket.StatusCode >= 200 && bucket.StatusCode < 300)
        .SumAsync(bucket => bucket.Calls);
}
