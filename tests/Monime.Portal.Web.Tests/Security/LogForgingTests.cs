using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;
using Monime.Portal.Web.Hosting;
using Monime.Portal.Web.Tests.Api;
using Serilog.Core;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Line breaks and other control characters sent in every field a request carries that could reach a log:
/// no log line may start with what a client sent (ASVS 16.4.1). The host logs the framework at Debug, as an
/// operator chasing a problem would, so that paths and headers do reach the log.
/// </summary>
public sealed class LogForgingTests(LogForgingTests.CapturingFactory factory, ITestOutputHelper output)
    : IClassFixture<LogForgingTests.CapturingFactory>
{
    private const string Marker = "FORGED";

    // The File sink's own default, used by scripts/test; the console's template comes from appsettings.json.
    private const string FileTemplate =
        "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}";

    private static readonly string[] s_breaks = ["\r\n", "\n", "\r", "\u2028", "\u2029", "\u0085", "\u001b[2K\r"];

    private static readonly char[] s_lineEnds = ['\r', '\n', '\u2028', '\u2029', '\u0085'];

    [Fact]
    public async Task Requests_WithLineBreaksInLoggedFields_ForgeNoLogLine()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await ApiTestTokens.CreateAsync(factory, user);
        using var anonymous = factory.CreatePortalClient();
        using var signedIn = factory.CreatePortalClient();
        await signedIn.SignInAsync(user);
        var sent = new List<(string Field, string Break, string Forged)>();
        string Forge(string field, string lineBreak)
        {
            var forged = $"{Marker} {field} {sent.Count} [ERR] injected by the client";
            sent.Add((field, lineBreak, forged));
            return lineBreak + forged;
        }

        foreach (var lineBreak in s_breaks)
        {
            await SendAsync(anonymous, HttpMethod.Get,
                "/v1/tokens/" + Uri.EscapeDataString(Forge("api-path", lineBreak)), token);
            await SendAsync(anonymous, HttpMethod.Get,
                "/Tokens/" + Uri.EscapeDataString(Forge("page-path", lineBreak)));
            await SendAsync(anonymous, HttpMethod.Get,
                "/v1/tokens/self?q=" + Uri.EscapeDataString(Forge("query", lineBreak)), token);
            await SendAsync(anonymous, HttpMethod.Get, "/v1/tokens/self", token,
                ("User-Agent", "agent" + Forge("user-agent", lineBreak)));
            await SendAsync(anonymous, HttpMethod.Get, "/v1/tokens/self", token,
                ("X-Forwarded-For", "203.0.113.9" + Forge("x-forwarded-for", lineBreak)));
            await SendAsync(anonymous, HttpMethod.Post, "/v1/test/payments", token,
                ("Idempotency-Key", "key" + Forge("idempotency-key", lineBreak)), ("Monime-Space-Id", user.SpaceId));
            await SendAsync(anonymous, HttpMethod.Get, "/v1/test/payments", token,
                ("Monime-Space-Id", user.SpaceId + Forge("space-id", lineBreak)));
            await SendAsync(anonymous, HttpMethod.Get, "/v1/test/payments", token,
                ("Monime-Version", "caph" + Forge("version", lineBreak)), ("Monime-Space-Id", user.SpaceId));
            await SendAsync(anonymous, HttpMethod.Get, "/v1/tokens/self", null,
                ("Authorization", "Bearer " + token[..8] + Forge("authorization", lineBreak)));
            using var signIn = await anonymous.SignInAsync("nobody@example.test" + Forge("email", lineBreak), "x");
            using var create = await signedIn.PostFormAsync("/Tokens/Create", "/Tokens/Create",
                new Dictionary<string, string>
                {
                    ["Input.Name"] = "name" + Forge("token-name", lineBreak),
                    ["Input.Mode"] = "Test",
                    ["Input.Permissions"] = "payments:read",
                });
        }

        await WaitForQuietLogAsync();
        var consoleTemplate = factory.Services.GetRequiredService<IConfiguration>()
            ["Serilog:WriteTo:0:Args:outputTemplate"]!;
        var forgedLines = 0;
        var rawControls = 0;
        var text = "";
        foreach (var template in new[] { consoleTemplate, FileTemplate })
        {
            text = factory.Log.Render(template);
            forgedLines += text.Split(s_lineEnds).Count(line => line.TrimStart().StartsWith(Marker,
                StringComparison.Ordinal));
            rawControls += text.Count(c => c is '\u001b' or '\u2028' or '\u2029' or '\u0085');
        }

        var logged = sent.Where(s => text.Contains(s.Forged, StringComparison.Ordinal)).ToList();
        var escaped = logged.Count(s => text.Contains(ControlCharacterEscapingEnricher.EscapeText(s.Break) + s.Forged,
            StringComparison.Ordinal));
        output.WriteLine($"D5: forged lines = {forgedLines} in {factory.Log.Count} events rendered with the console "
            + $"and file templates; raw ESC or Unicode line breaks = {rawControls}");
        output.WriteLine($"D5: {sent.Count} injections sent, {logged.Count} reached the log, {escaped} of those "
            + "escaped; fields logged: " + string.Join(", ", logged.Select(s => s.Field).Distinct()));
        Assert.Equal(0, forgedLines);
        Assert.Equal(0, rawControls);
        Assert.Equal(logged.Count, escaped);
        Assert.Contains(logged, s => s.Field == "api-path");
        Assert.Contains(logged, s => s.Field == "page-path");
    }

    /// <summary>
    /// Waits until nothing has been logged for 200 ms: a request's log line can be written after its answer has
    /// reached this client.
    /// </summary>
    private async Task WaitForQuietLogAsync()
    {
        var seen = factory.Log.Count;
        for (var quiet = 0; quiet < 4;)
        {
            await Task.Delay(50);
            var now = factory.Log.Count;
            quiet = now == seen ? quiet + 1 : 0;
            seen = now;
        }
    }

    private static async Task SendAsync(
        HttpClient client, HttpMethod method, string path, string? token = null,
        params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.Remove(name);
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
    }

    /// <summary>
    /// The API test host logging the framework at Debug into <see cref="Log"/>, behind a proxy it trusts, so that
    /// X-Forwarded-For is read.
    /// </summary>
    public sealed class CapturingFactory : ApiAppFactory
    {
        public CapturedLog Log { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>(
            base.Settings)
        {
            ["Serilog:MinimumLevel:Default"] = "Debug",
            ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Debug",
            ["ForwardedHeaders:TrustedProxies:0"] = "192.0.2.10",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Log));
        }
    }
}
