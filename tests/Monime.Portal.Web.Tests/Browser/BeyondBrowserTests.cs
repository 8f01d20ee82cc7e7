using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monime.Portal.Testing;
using Monime.Portal.Web.Api;
using Monime.Portal.Web.Tests.Api;

namespace Monime.Portal.Web.Tests.Browser;

/// <summary>The refusal explainer and the least-privilege offer, driven in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BeyondBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Explainer_FromARecordedRefusal_HighlightsTheFailingCheckWithAdvice()
    {
        var owner = await Fixture.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(Fixture, owner, input =>
        {
            input.Name = "Checkout service";
            input.IpWhitelist = "198.51.100.0/24";
        });
        await Fixture.RecordAsync(
        [
            UsageSeed.Call(id, DateTimeOffset.UtcNow.AddMinutes(-3), 403, Endpoint("GET /v1/payments"),
                "203.0.113.7", "ip_not_allowed") with { SpaceId = owner.SpaceId },
        ]);
        await SignInAsync(owner);

        await Page.GotoAsync($"/Tokens/{id}");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Why?" }).ClickAsync();
        await WaitForPageAsync("**/Explain?**");
        var first = Page.Locator(".explain-first");
        await ScreenshotAsync("explainer");

        Assert.Equal("IP whitelist", await first.GetAttributeAsync("data-check"));
        Assert.Contains("Add 203.0.113.7 to the IP whitelist", await first.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(8, await Page.Locator(".explain-pass").CountAsync());
    }

    [Fact]
    public async Task LeastPrivilegeOffer_Accepted_ShowsTheNarrowerTokensSecretOnce()
    {
        var owner = await Fixture.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(Fixture, owner, input => input.Name = "Reporting job");
        await Fixture.RecordAsync(
        [
            UsageSeed.Call(id, DateTimeOffset.UtcNow.AddHours(-2), 200, Endpoint("GET /v1/payments")),
            UsageSeed.Call(id, DateTimeOffset.UtcNow.AddHours(-1), 200, Endpoint("GET /v1/payments/{id}")),
        ]);
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInAsync(owner);

        await Page.GotoAsync($"/Tokens/{id}");
        var offer = Page.Locator(".narrow-offer");
        await offer.ScrollIntoViewIfNeededAsync();
        await ScreenshotAsync("least-privilege-offer");
        await offer.GetByRole(AriaRole.Button, new() { Name = "Replace with a narrower token" }).ClickAsync();
        await Page.Locator(".secret-panel").WaitForAsync();
        await ScreenshotAsync("least-privilege-replaced");

        var replacement = await Fixture.WithServicesAsync(services =>
            services.GetRequiredService<Data.PortalDbContext>()
                .AccessTokens.AsNoTracking().SingleAsync(t => t.RotatedFromId == id));
        Assert.Equal(["payments:read"], replacement.Permissions);
    }

    private string Endpoint(string name) =>
        Fixture.Services.GetRequiredService<ApiEndpointCatalog>().All
            .Select(endpoint => endpoint.Name)
            .First(candidate => candidate.TrimEnd('/') == name);
}
