using System.Net;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Ops;

[Collection(PortalCollection.Name)]
public sealed class OpsDashboardTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Dashboard_WithRecordedCalls_ShowsExactTotals()
    {
        var ops = await factory.CreateUserAsync(PortalRoles.Ops);
        var token = await factory.CreateTokenAsync(ops, "dashboard token");
        var now = DateTimeOffset.UtcNow;
        await factory.RecordAsync([
            .. Enumerable.Range(0, 37).Select(_ => UsageSeed.Call(token.Id, now)),
            .. Enumerable.Range(0, 3).Select(_ => UsageSeed.Call(token.Id, now, status: 500)),
        ]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(ops);

        var html = await client.GetStringAsync("/Ops?period=Last24Hours");

        Assert.Contains("data-stat=\"calls\">40<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"errors\">3<", html, StringComparison.Ordinal);
        Assert.Contains("data-stat=\"error-rate\">7.5%<", html, StringComparison.Ordinal);
        Assert.Contains("dashboard token", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form method=\"post\"", html.Replace("asp-page=\"/Account/Logout\"", "",
            StringComparison.Ordinal).Split("<main", 2)[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_TokenNamedLikeAFormula_IsExportedWithTheFormulaNeutralised()
    {
        var ops = await factory.CreateUserAsync(PortalRoles.Ops);
        var token = await factory.CreateTokenAsync(ops, "=HYPERLINK(\"http://evil\")");
        await factory.RecordAsync(Enumerable.Range(0, 5).Select(_ => UsageSeed.Call(token.Id, DateTimeOffset.UtcNow)));
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(ops);

        using var response = await client.GetAsync("/Ops?handler=Csv&period=Last7Days&mode=Live");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Matches("^monime-usage-last7days-[0-9]{8}\\.csv$",
            response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("token_id,name,token,mode,owner_email", lines[0], StringComparison.Ordinal);
        var row = Assert.Single(lines, line => line.StartsWith(token.Id.ToString(), StringComparison.Ordinal));
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil\"\")\",", row, StringComparison.Ordinal);
        Assert.Contains(",live,", row, StringComparison.Ordinal);
        Assert.Contains(",5,0,0,", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_ForADeveloper_IsRefused()
    {
        var developer = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(developer);

        using var response = await client.GetAsync("/Ops?handler=Csv");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TokenUsagePage_OtherOrganisationsToken_IsNotFoundEvenForAnAdmin()
    {
        var stranger = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(stranger, "foreign", TokenMode.Live);
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var response = await client.GetAsync($"/Usage/Token/{token.Id}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TokenUsagePage_OwnTokenUsedFromANewAddress_ShowsCountsAndTheFlag()
    {
        var owner = await factory.CreateUserAsync();
        var token = await factory.CreateTokenAsync(owner, "flagged");
        await factory.RecordAsync([UsageSeed.Call(token.Id, DateTimeOffset.UtcNow, ip: "192.0.2.1")]);
        await factory.RecordAsync([UsageSeed.Call(token.Id, DateTimeOffset.UtcNow, ip: "198.51.100.9")]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(owner);

        var html = await client.GetStringAsync($"/Usage/Token/{token.Id}?period=Last24Hours");

        Assert.Contains("data-stat=\"calls\">2<", html, StringComparison.Ordinal);
        Assert.Contains("data-new-ip-flag", html, StringComparison.Ordinal);
        Assert.Contains("198.51.100.9", html, StringComparison.Ordinal);
    }
}
