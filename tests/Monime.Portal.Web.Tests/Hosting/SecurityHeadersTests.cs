using System.Net;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Hosting;

[Collection(PortalCollection.Name)]
public sealed class SecurityHeadersTests(PortalAppFactory factory)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/Developer")]
    [InlineData("/no-such-page")]
    [InlineData("/css/portal.css")]
    [InlineData("/js/portal.js")]
    [InlineData("/healthz")]
    public async Task AnyResponse_CarriesStrictSecurityHeaders(string path)
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("base-uri 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
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

    [Fact]
    public async Task Cookies_AreHostPrefixedSecureHttpOnlyAndSameSite()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        using var form = await client.GetAsync("/Account/Login");
        using var signIn = await client.SignInAsync(user.Email, user.Password);

        var cookies = form.Headers.GetValues("Set-Cookie").Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie =>
        {
            Assert.StartsWith("__Host-", cookie, StringComparison.Ordinal);
            Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; samesite=", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("; path=/", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public async Task Hsts_OutsideDevelopment_IsAYearWithSubdomains()
    {
        // The HSTS middleware leaves localhost out on purpose, so this request names a real-looking host.
        using var client = factory.CreateClient(new() { BaseAddress = new Uri("https://portal.example") });

        using var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var hsts = Assert.Single(response.Headers.GetValues("Strict-Transport-Security"));
        Assert.Contains("max-age=31536000", hsts, StringComparison.Ordinal);
        Assert.Contains("includeSubDomains", hsts, StringComparison.Ordinal);
    }
}
