using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;
using HeaderSameSite = Microsoft.Net.Http.Headers.SameSiteMode;

namespace Monime.Portal.Web.Tests.Hosting;

/// <summary>
/// Headers and cookies on every kind of answer: pages signed out and in, redirects, 403, 404, a 500, static
/// files, health, the API with and without a token. The API host is used for its failing endpoints.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed partial class SecurityHeadersTests(ApiAppFactory factory, ITestOutputHelper output)
{
    private const int YearInSeconds = 31_536_000;

    // The HSTS middleware leaves localhost out on purpose, so every request names a real-looking host.
    private static readonly Uri s_portal = new("https://portal.example");

    [Fact]
    public async Task EveryKindOfRoute_CarriesStrictSecurityHeadersAndHsts()
    {
        var visits = await VisitEveryKindOfRouteAsync();

        var problems = visits.SelectMany(visit => HeaderProblems(visit).Select(problem => $"{visit.Label}: {problem}"))
            .ToList();
        var compliant = visits.Count(visit => !HeaderProblems(visit).Any());
        output.WriteLine($"F1 headers: {compliant} of {visits.Count} responses compliant " +
            $"({100.0 * compliant / visits.Count:F0}%); statuses {Statuses(visits)}");
        foreach (var visit in visits)
        {
            output.WriteLine($"  {(int)visit.Status} {visit.Label}");
        }

        Assert.Empty(problems);
        Assert.True(visits.Count >= 40, $"only {visits.Count} responses were checked");
        Assert.Contains(visits, visit => visit is { Status: HttpStatusCode.InternalServerError, IsApi: false });
        Assert.Contains(visits, visit => visit is { Status: HttpStatusCode.InternalServerError, IsApi: true });
        Assert.Contains(visits, visit => visit.Status == HttpStatusCode.NotFound);
        Assert.Contains(visits, visit => visit.Status == HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task EveryCookie_IsHostPrefixedSecureHttpOnlyAndSameSite()
    {
        var visits = await VisitEveryKindOfRouteAsync();
        var configured = await ConfiguredCookiesAsync();

        var issued = visits.SelectMany(visit => visit.Values(HeaderNames.SetCookie)
            .Select(header => (visit.Label, Cookie: SetCookieHeaderValue.Parse(header)))).ToList();
        var problems = issued
            .SelectMany(c => CookieProblems(c.Cookie).Select(problem => $"{c.Label}: {c.Cookie.Name} {problem}"))
            .Concat(configured.SelectMany(c =>
                ConfiguredCookieProblems(c.Cookie).Select(problem => $"{c.Kind}: {c.Cookie.Name} {problem}")))
            .ToList();
        var names = issued.Select(c => c.Cookie.Name.ToString()).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        var compliant = issued.Count(c => !CookieProblems(c.Cookie).Any());
        var compliantConfigured = configured.Count(c => !ConfiguredCookieProblems(c.Cookie).Any());
        output.WriteLine($"F1 cookies: {compliant} of {issued.Count} Set-Cookie headers compliant " +
            $"({100.0 * compliant / issued.Count:F0}%), names: {string.Join(", ", names)}");
        output.WriteLine($"F1 cookies: {compliantConfigured} of {configured.Count} configured cookies compliant: " +
            string.Join(", ", configured.Select(c => $"{c.Kind}={c.Cookie.Name}")));

        Assert.Empty(problems);
        Assert.Contains(issued, c => c.Cookie.Name == "__Host-monime");
        Assert.Contains(issued, c => c.Cookie.Name == "__Host-monime-af");
        Assert.Contains(issued, c => c.Cookie.Name == "__Host-monime-2fa");
        Assert.Contains(issued, c => c.Cookie.Name == "__Host-monime-tempdata");
        Assert.Contains(configured, c => c.Kind == IdentityConstants.TwoFactorRememberMeScheme);
        Assert.Contains(configured, c => c.Kind == IdentityConstants.ExternalScheme);
    }

    [Fact]
    public async Task Pages_HoldNoInlineScriptStyleOrHandler()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        foreach (var path in new[] { "/Developer", "/Account/Login", "/Account/Register" })
        {
            var html = await client.GetStringAsync(path);

            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotMatch("<style", html);
            Assert.DoesNotMatch("\\sstyle=\"", html);
            Assert.DoesNotMatch("\\son[a-z]+=\"", html);
        }
    }

    private async Task<List<Visit>> VisitEveryKindOfRouteAsync()
    {
        var developer = await factory.CreateUserAsync();
        var admin = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        var (twoFactor, authenticatorKey) = await CreateTwoFactorUserAsync();
        var (token, tokenId) = await ApiTestTokens.CreateAsync(factory, admin);
        using var anonymous = Client();
        using var signedIn = Client();
        using var plain = Client();
        using var secondStep = Client();
        var visits = new List<Visit>();

        // Signed out: pages, pages behind sign-in, a 404, a page that throws, static files, health, the API.
        string[] signedOutPaths =
        [
            "/", "/Account/Login", "/Account/Register", "/Account/Lockout", "/Account/AccessDenied",
            "/Account/LoginWith2fa", "/Developer", "/Tokens", "/Admin", "/no-such-page", "/test/page-boom",
            "/css/portal.css", "/js/portal.js", "/lib/chart.js/chart.umd.js", "/healthz", "/readyz",
            "/openapi/v1.json",
        ];
        foreach (var path in signedOutPaths)
        {
            visits.Add(await VisitAsync(anonymous, $"signed out GET {path}", new(HttpMethod.Get, path)));
        }

        visits.Add(await VisitAsync(anonymous, "GET /v1 without token", new(HttpMethod.Get, "/v1")));
        visits.Add(await VisitAsync(anonymous, "GET /v1/no-such-thing", new(HttpMethod.Get, "/v1/no-such-thing")));
        visits.Add(await VisitAsync(anonymous, "DELETE /v1", new(HttpMethod.Delete, "/v1")));
        visits.Add(await VisitAsync(anonymous, "GET /v1/test/payments without token",
            new(HttpMethod.Get, "/v1/test/payments")));
        visits.Add(await VisitAsync(anonymous, "GET /v1 with a forged token",
            ApiTestTokens.Request(HttpMethod.Get, "/v1", "mon_" + new string('0', 31))));

        // The API with a token, its 500 included.
        visits.Add(await VisitAsync(anonymous, "GET /v1 with token",
            ApiTestTokens.Request(HttpMethod.Get, "/v1", token)));
        visits.Add(await VisitAsync(anonymous, "GET /v1/test/payments with token",
            ApiTestTokens.Request(HttpMethod.Get, "/v1/test/payments", token, admin.SpaceId)));
        visits.Add(await VisitAsync(anonymous, "GET /v1/tokens/self with token",
            ApiTestTokens.Request(HttpMethod.Get, "/v1/tokens/self", token)));
        visits.Add(await VisitAsync(anonymous, "POST /v1/test/boom with token",
            ApiTestTokens.Request(HttpMethod.Post, "/v1/test/boom", token, admin.SpaceId)));

        // Signed in as an admin: every page kind, an unknown token (404), a page that throws, an admin form.
        visits.Add(Snapshot("POST /Account/Login", await signedIn.SignInAsync(admin.Email, admin.Password)));
        string[] signedInPaths =
        [
            "/Developer", "/Tokens", "/Tokens/Create", $"/Tokens/{tokenId}", $"/Tokens/{tokenId}/Explain",
            $"/Usage/Token/{tokenId}", $"/Tokens/{Guid.NewGuid()}", "/Account/Password", "/Account/TwoFactor",
            "/Admin", "/Admin/Tokens", "/Admin/Audit", "/Ops", "/Ops?handler=Csv", "/Docs/Api", "/no-such-page",
            "/test/page-boom", "/css/portal.css",
        ];
        foreach (var path in signedInPaths)
        {
            visits.Add(await VisitAsync(signedIn, $"signed in GET {path}", new(HttpMethod.Get, path)));
        }

        visits.Add(Snapshot("POST /Admin?handler=Roles", await signedIn.PostFormAsync("/Admin", "/Admin?handler=Roles",
            [new("userId", admin.Id), new("admin", "true"), new("ops", "true")])));
        visits.Add(await VisitAsync(signedIn, "GET /Admin after its form", new(HttpMethod.Get, "/Admin")));
        visits.Add(Snapshot("POST /Account/Logout", await signedIn.PostFormAsync("/Developer", "/Account/Logout", [])));

        // A developer where only admins may go: 403.
        visits.Add(Snapshot("POST /Account/Login (developer)",
            await plain.SignInAsync(developer.Email, developer.Password)));
        visits.Add(await VisitAsync(plain, "developer GET /Admin", new(HttpMethod.Get, "/Admin")));
        visits.Add(await VisitAsync(plain, "developer GET /Account/AccessDenied",
            new(HttpMethod.Get, "/Account/AccessDenied")));

        // Two-factor sign-in: the password step sets the two-factor cookie, the code step replaces it.
        visits.Add(Snapshot("POST /Account/Login (two-factor)",
            await secondStep.SignInAsync(twoFactor.Email, twoFactor.Password)));
        visits.Add(await VisitAsync(secondStep, "GET /Account/LoginWith2fa",
            new(HttpMethod.Get, "/Account/LoginWith2fa")));
        visits.Add(Snapshot("POST /Account/LoginWith2fa", await secondStep.PostFormAsync(
            "/Account/LoginWith2fa", "/Account/LoginWith2fa",
            [new("code", Totp.Compute(authenticatorKey, DateTimeOffset.UtcNow))])));
        return visits;
    }

    private async Task<(TestUser User, string Key)> CreateTwoFactorUserAsync()
    {
        var user = await factory.CreateUserAsync();
        var key = await factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Monimeer>>();
            var monimeer = (await users.FindByIdAsync(user.Id))!;
            await users.ResetAuthenticatorKeyAsync(monimeer);
            await users.SetTwoFactorEnabledAsync(monimeer, true);
            return (await users.GetAuthenticatorKeyAsync(monimeer))!;
        });
        return (user, key);
    }

    /// <summary>Every cookie the app is set up to write, whether or not a flow above writes it.</summary>
    private async Task<List<(string Kind, CookieBuilder Cookie)>> ConfiguredCookiesAsync()
    {
        var schemes = await factory.Services.GetRequiredService<IAuthenticationSchemeProvider>().GetAllSchemesAsync();
        var cookieOptions = factory.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>();
        var configured = schemes
            .Where(scheme => scheme.HandlerType == typeof(CookieAuthenticationHandler))
            .Select(scheme => (scheme.Name, cookieOptions.Get(scheme.Name).Cookie))
            .ToList();
        configured.Add(("Antiforgery",
            factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie));
        configured.Add(("TempData",
            factory.Services.GetRequiredService<IOptions<CookieTempDataProviderOptions>>().Value.Cookie));
        return configured;
    }

    private static IEnumerable<string> HeaderProblems(Visit visit)
    {
        var policies = visit.Values(HeaderNames.ContentSecurityPolicy);
        if (policies.Length != 1)
        {
            yield return $"{policies.Length} Content-Security-Policy headers";
        }
        else
        {
            var directives = policies[0]
                .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(directive => directive.Split(' ', 2))
                .ToDictionary(parts => parts[0], parts => parts.Length > 1 ? parts[1] : "", StringComparer.Ordinal);
            foreach (var name in new[] { "object-src", "base-uri", "frame-ancestors" })
            {
                if (directives.GetValueOrDefault(name) != "'none'")
                {
                    yield return $"CSP {name} is '{directives.GetValueOrDefault(name)}', not 'none'";
                }
            }

            foreach (var name in new[] { "script-src", "style-src" })
            {
                var sources = directives.GetValueOrDefault(name);
                if (sources is null || sources.Contains("unsafe-", StringComparison.Ordinal))
                {
                    yield return $"CSP {name} is '{sources}'";
                }
            }
        }

        if (visit.Values(HeaderNames.XContentTypeOptions) is not ["nosniff"])
        {
            yield return "X-Content-Type-Options is not nosniff";
        }

        if (visit.Values("Referrer-Policy") is not ["no-referrer"])
        {
            yield return "Referrer-Policy is not no-referrer";
        }

        var hsts = visit.Values(HeaderNames.StrictTransportSecurity) is [{ } one] ? one : "";
        var maxAge = MaxAge().Match(hsts);
        if (!maxAge.Success || long.Parse(maxAge.Groups[1].Value, CultureInfo.InvariantCulture) < YearInSeconds
            || !hsts.Contains("includeSubDomains", StringComparison.OrdinalIgnoreCase))
        {
            yield return $"Strict-Transport-Security is '{hsts}'";
        }
    }

    private static IEnumerable<string> CookieProblems(SetCookieHeaderValue cookie)
    {
        if (!cookie.Name.StartsWith("__Host-", StringComparison.Ordinal))
        {
            yield return "has no __Host- prefix";
        }

        if (!cookie.Secure)
        {
            yield return "is not Secure";
        }

        if (!cookie.HttpOnly)
        {
            yield return "is not HttpOnly";
        }

        if (cookie.SameSite is not (HeaderSameSite.Lax or HeaderSameSite.Strict))
        {
            yield return $"has SameSite {cookie.SameSite}";
        }

        if (cookie.Path != "/")
        {
            yield return $"has Path {cookie.Path}";
        }

        if (cookie.Domain.HasValue)
        {
            yield return $"has Domain {cookie.Domain}";
        }
    }

    private static IEnumerable<string> ConfiguredCookieProblems(CookieBuilder cookie)
    {
        // Built for a plain-HTTP request: only an Always policy makes the cookie Secure there too.
        var options = cookie.Build(new DefaultHttpContext());
        var header = new SetCookieHeaderValue(cookie.Name ?? "")
        {
            Secure = options.Secure,
            HttpOnly = options.HttpOnly,
            SameSite = (HeaderSameSite)options.SameSite,
            Path = options.Path,
            Domain = options.Domain,
        };
        return CookieProblems(header);
    }

    private static string Statuses(List<Visit> visits) =>
        string.Join(", ", visits.GroupBy(visit => (int)visit.Status).OrderBy(group => group.Key)
            .Select(group => $"{group.Key} x{group.Count()}"));

    private HttpClient Client() => factory.CreateClient(new() { BaseAddress = s_portal, AllowAutoRedirect = false });

    private static async Task<Visit> VisitAsync(HttpClient client, string label, HttpRequestMessage request)
    {
        using (request)
        {
            return Snapshot(label, await client.SendAsync(request));
        }
    }

    private static Visit Snapshot(string label, HttpResponseMessage response)
    {
        using (response)
        {
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(header => header.Key, header => header.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            return new Visit(label, response.StatusCode, headers);
        }
    }

    [GeneratedRegex(@"max-age=(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex MaxAge();

    private sealed record Visit(string Label, HttpStatusCode Status, Dictionary<string, string[]> Headers)
    {
        public bool IsApi => Label.Contains("/v1", StringComparison.Ordinal);

        public string[] Values(string name) => Headers.GetValueOrDefault(name) ?? [];
    }
}
