using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;

// A3: a known account with a wrong password against unknown accounts, COUNT each, interleaved in ABBA order so
// drift and ordering weigh on both alike. Each attempt is what a browser does: GET the form (a fresh antiforgery
// cookie and token), then POST it; only the POST is timed. Prints each group's median and p95, their differences,
// the noise and whether the answers match once the antiforgery token and the typed email are taken out. The noise
// is a permutation test's: both groups pooled and dealt at random into two groups of the same sizes, 1,000 times;
// a difference no larger than the 95th percentile of those dealt by chance cannot be told from chance. Exit
// status 1 when status or body differ.
if (args is not [var baseUrl, var knownEmail, ..] || args.Length > 3)
{
    await Console.Error.WriteLineAsync("usage: SignInTiming BASE_URL KNOWN_EMAIL [COUNT]");
    return 2;
}

var count = args.Length == 3 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1000;
const int WarmUp = 20;
const string WrongPassword = "Not-the-password-2026";

// Cookies are carried by hand so that every attempt starts without any, over one kept-alive connection.
using var client = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
{
    BaseAddress = new Uri(baseUrl),
};
var known = new List<double>(count);
var unknown = new List<double>(count);
var answers = new HashSet<string>(StringComparer.Ordinal);
var statuses = new HashSet<HttpStatusCode>();

for (var i = -WarmUp; i < count; i++)
{
    // ABBA: pairs alternate which group goes first.
    var knownFirst = (i & 1) == 0;
    for (var turn = 0; turn < 2; turn++)
    {
        var isKnown = knownFirst == (turn == 0);
        var email = isKnown ? knownEmail : $"nobody-{Guid.NewGuid():N}@monime.local";
        var (status, body, milliseconds) = await SignInAsync(client, email);
        if (i < 0)
        {
            continue;
        }

        (isKnown ? known : unknown).Add(milliseconds);
        statuses.Add(status);
        answers.Add(Normalise(body, email));
    }
}

var identical = statuses.Count == 1 && answers.Count == 1;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sign-in POST, {count} known-account wrong-password and {count} unknown-account attempts, interleaved"));
Report("known, wrong password", known);
Report("unknown account", unknown);
var medianDelta = Percentile(known, 50) - Percentile(unknown, 50);
var p95Delta = Percentile(known, 95) - Percentile(unknown, 95);
var (medianNoise, p95Noise) = Noise(known, unknown);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"delta known - unknown: median {medianDelta:F2} ms, p95 {p95Delta:F2} ms"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"noise (95th percentile of |delta| between random halves of both groups pooled): median {medianNoise:F2} ms, " +
    $"p95 {p95Noise:F2} ms"));
var belowNoise = Math.Abs(medianDelta) <= medianNoise && Math.Abs(p95Delta) <= p95Noise;
Console.WriteLine($"timing delta below noise: {(belowNoise ? "yes" : "no, FAIL")}");
Console.WriteLine(
    $"status: {string.Join(", ", statuses.Select(s => (int)s))}; distinct bodies: {answers.Count} " +
    $"({(identical ? "identical" : "DIFFERENT, FAIL")})");
return identical ? 0 : 1;

static async Task<(HttpStatusCode Status, string Body, double Milliseconds)> SignInAsync(
    HttpClient client, string email)
{
    using var form = await client.GetAsync(new Uri("/Account/Login", UriKind.Relative));
    form.EnsureSuccessStatusCode();
    var html = await form.Content.ReadAsStringAsync();
    var token = AntiforgeryField().Match(html).Groups["value"].Value;
    var cookie = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    using var post = new HttpRequestMessage(HttpMethod.Post, new Uri("/Account/Login", UriKind.Relative))
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = WrongPassword,
            ["__RequestVerificationToken"] = token,
        }),
    };
    post.Headers.Add("Cookie", cookie);
    var clock = Stopwatch.StartNew();
    using var answer = await client.SendAsync(post);
    var body = await answer.Content.ReadAsStringAsync();
    var milliseconds = clock.Elapsed.TotalMilliseconds;
    return (answer.StatusCode, body, milliseconds);
}

// The antiforgery token differs on every form by design, and the page echoes the email typed into it.
static string Normalise(string body, string email) =>
    AntiforgeryField().Replace(body, "${name}")
        .Replace(HtmlEncoder.Default.Encode(email), "EMAIL", StringComparison.Ordinal)
        .Replace(email, "EMAIL", StringComparison.Ordinal);

static (double Median, double P95) Noise(List<double> known, List<double> unknown)
{
    const int Deals = 1000;
    var pooled = known.Concat(unknown).ToArray();
    var random = new Random(20261203); // fixed, so that a run is repeatable given its samples
    var medians = new List<double>(Deals);
    var p95s = new List<double>(Deals);
    for (var deal = 0; deal < Deals; deal++)
    {
        random.Shuffle(pooled);
        var first = pooled[..known.Count].ToList();
        var second = pooled[known.Count..].ToList();
        medians.Add(Math.Abs(Percentile(first, 50) - Percentile(second, 50)));
        p95s.Add(Math.Abs(Percentile(first, 95) - Percentile(second, 95)));
    }

    return (Percentile(medians, 95), Percentile(p95s, 95));
}

static void Report(string label, List<double> samples) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label}: median {Percentile(samples, 50):F2} ms, p95 {Percentile(samples, 95):F2} ms, " +
        $"min {samples.Min():F2} ms, max {samples.Max():F2} ms"));

// Nearest rank, as the other benchmarks report their figures.
static double Percentile(List<double> samples, int percent)
{
    var sorted = samples.Order().ToList();
    var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Count);
    return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
}

internal sealed partial class Program
{
    [GeneratedRegex("""(?<name>name="__RequestVerificationToken" type="hidden" value=")(?<value>[^"]*)""")]
    private static partial Regex AntiforgeryField();
}
