using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Monime.Portal.Tokens;

// Benchmarks only. Times Argon2id hash and verify at the portal's configured parameters (Argon2Options'
// defaults, which appsettings does not override), one at a time, and reads the process's peak RSS before
// and after. The secret is a fresh random token that is never printed.
var runs = args is [var runsText] ? int.Parse(runsText, CultureInfo.InvariantCulture) : 100;
var options = new Argon2Options();
using var hasher = new Argon2SecretHasher(Options.Create(options));
var secret = TokenFormat.Issue(TokenMode.Live).Value;

// One warm-up of each, so JIT compilation is not timed.
var phc = await hasher.HashAsync(secret);
await hasher.VerifyAsync(secret, phc);
var rssBefore = PeakRssKib();

var hashMs = new List<double>(runs);
var verifyMs = new List<double>(runs);
for (var i = 0; i < runs; i++)
{
    var started = Stopwatch.GetTimestamp();
    phc = await hasher.HashAsync(secret);
    hashMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

    started = Stopwatch.GetTimestamp();
    var outcome = await hasher.VerifyAsync(secret, phc);
    verifyMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    if (outcome == SecretVerification.Failed)
    {
        await Console.Error.WriteLineAsync("A fresh hash did not verify.");
        return 1;
    }
}

var rssAfter = PeakRssKib();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"parameters: m={options.MemoryKib} KiB ({options.MemoryKib / 1024.0:F1} MiB per hash), " +
    $"t={options.Iterations}, p={options.Parallelism}; runs: {runs}"));
Console.WriteLine(Describe("hash", hashMs));
Console.WriteLine(Describe("verify", verifyMs));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"verifies/s on one core: {1000 / Percentile(verifyMs, 0.5):F1}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"peak RSS: {rssAfter / 1024.0:F1} MiB after warm-up {rssBefore / 1024.0:F1} MiB " +
    $"(delta over the runs {(rssAfter - rssBefore) / 1024.0:F1} MiB)"));
return 0;

static string Describe(string label, List<double> millis) => string.Create(CultureInfo.InvariantCulture,
    $"{label}: p50 {Percentile(millis, 0.5):F1} ms, p99 {Percentile(millis, 0.99):F1} ms, max {millis.Max():F1} ms");

static double Percentile(List<double> values, double fraction)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(fraction * sorted.Count) - 1)];
}

static long PeakRssKib()
{
    var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
