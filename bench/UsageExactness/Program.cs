using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monime.Portal;
using Monime.Portal.Data;
using Monime.Portal.Usage;

// 100,000 API calls over 100 tokens, recorded from several threads while the flusher runs on its timer, then a
// graceful stop. Passes when every call is stored and no flush interval saw more than one batch.
const int Calls = 100_000;
const int Tokens = 100;
const int Threads = 8;
const double IntervalSeconds = 1;
var spread = TimeSpan.FromSeconds(5);

var connectionString = args.Length > 0 ? args[0]
    : throw new ArgumentException("Pass the PostgreSQL connection string as the first argument.");
var builder = Host.CreateApplicationBuilder();
builder.Configuration["ConnectionStrings:Portal"] = connectionString;
builder.Configuration["Usage:FlushIntervalSeconds"] = IntervalSeconds.ToString(CultureInfo.InvariantCulture);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// MigrateAsync first probes the database, which does not exist yet; EF logs that expected failure as an error.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore.Database.Connection", LogLevel.Critical);
builder.Services.AddPortalCore(builder.Configuration);
using var host = builder.Build();

await using (var scope = host.Services.CreateAsyncScope())
{
    await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
}

var tokenIds = Enumerable.Range(0, Tokens).Select(_ => Guid.NewGuid()).ToArray();
var recorder = host.Services.GetRequiredService<IUsageRecorder>();
var writer = host.Services.GetRequiredService<UsageWriter>();
await host.StartAsync();

// Samples the writer's batch counter so the busiest interval can be reported, not only the total.
var batchTimes = new List<double>();
var clock = Stopwatch.StartNew();
using var sampling = new CancellationTokenSource();
var sampler = Task.Run(async () =>
{
    var seen = writer.BatchesWritten;
    while (!sampling.IsCancellationRequested)
    {
        var now = writer.BatchesWritten;
        for (; seen < now; seen++)
        {
            batchTimes.Add(clock.Elapsed.TotalSeconds);
        }

        await Task.Delay(5);
    }
});

var perThread = Calls / Threads;
var recording = Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
{
    const int Burst = 250;
    var pause = spread / (perThread / Burst);
    for (var i = 0; i < perThread; i++)
    {
        var tokenId = tokenIds[((thread * perThread) + i) % Tokens];
        var status = i % 20 == 0 ? 500 : 200;
        recorder.Record(new ApiCall(tokenId, DateTimeOffset.UtcNow, "GET", "GET /v1/payments", status,
            $"198.51.100.{thread + 1}", 3, $"req_{thread}_{i}"));
        if (i % Burst == Burst - 1)
        {
            await Task.Delay(pause);
        }
    }
})).ToArray();
await Task.WhenAll(recording);
var recordedIn = clock.Elapsed.TotalSeconds;

await host.StopAsync();
var elapsed = clock.Elapsed.TotalSeconds;
await sampling.CancelAsync();
await sampler;
for (var seen = batchTimes.Count; seen < writer.BatchesWritten; seen++)
{
    batchTimes.Add(elapsed);
}

long stored;
await using (var scope = host.Services.CreateAsyncScope())
{
    var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
    stored = await db.TokenUsageBuckets.Where(b => tokenIds.Contains(b.TokenId)).SumAsync(b => b.Calls);
}

// The timer flushes at most once per interval and the stop adds one last flush. The sampler sees a batch up to
// 5 ms late, so a window slightly shorter than the interval is checked; the stop's own flush is left out of it.
var ticks = (int)Math.Floor(elapsed / IntervalSeconds);
var timed = batchTimes.Count > 0 ? batchTimes[..^1] : batchTimes;
var maxPerInterval = timed.Count == 0 ? 0
    : timed.Max(start => timed.Count(t => t >= start && t < start + (IntervalSeconds * 0.95)));
var exact = stored == Calls;
var bounded = writer.BatchesWritten <= ticks + 1 && maxPerInterval <= 1;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"recorded={Calls} stored={stored} tokens={Tokens} threads={Threads} batches={writer.BatchesWritten} " +
    $"interval_s={IntervalSeconds} intervals={ticks} max_batches_per_interval={maxPerInterval} stop_flushes=1 " +
    $"recorded_in_s={recordedIn:0.00} elapsed_s={elapsed:0.00} rate_per_s={Calls / recordedIn:0} " +
    $"result={(exact && bounded ? "PASS" : "FAIL")}"));
return exact && bounded ? 0 : 1;
