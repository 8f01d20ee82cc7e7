using Microsoft.Playwright;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class UsageBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    // True once Chart.js owns the canvas and has painted at least one non-transparent pixel on it.
    private const string ChartDrawn = """
        id => {
            const canvas = document.getElementById(id);
            if (!canvas || typeof Chart === 'undefined' || Chart.getChart(canvas) === undefined) return false;
            const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            for (let i = 3; i < pixels.length; i += 4) { if (pixels[i] !== 0) return true; }
            return false;
        }
        """;

    private const string NewAddress = "198.51.100.23";

    [Fact]
    public async Task TokenUsagePage_WithRecordedCalls_DrawsItsCharts()
    {
        var owner = await Fixture.CreateUserAsync(PortalRoles.Ops);
        var token = await Fixture.CreateTokenAsync(owner, "Checkout service");
        var traffic = Traffic(token.Id).ToList();

        // Two flushes: the address of the last two hours is new to a token that already had one, so it is flagged.
        await Fixture.RecordAsync(traffic.Where(call => call.Ip != NewAddress));
        await Fixture.RecordAsync(traffic.Where(call => call.Ip == NewAddress));
        await SignInAsync(owner);

        await Page.GotoAsync($"/Usage/Token/{token.Id}?period=Last24Hours");
        var activity = await WaitForChartAsync("token-activity-chart");
        var status = await WaitForChartAsync("token-status-chart");
        await ScreenshotAsync("token-usage");

        Assert.True(activity);
        Assert.True(status);
        Assert.Equal("Checkout service", await Page.Locator("h1").InnerTextAsync());
        Assert.True(await Page.Locator("[data-new-ip-flag]").IsVisibleAsync());
    }

    [Fact]
    public async Task OpsDashboard_WithSeveralTokens_DrawsItsCharts()
    {
        var ops = await Fixture.CreateUserAsync(PortalRoles.Ops);
        var checkout = await Fixture.CreateTokenAsync(ops, "Checkout service");
        var payouts = await Fixture.CreateTokenAsync(ops, "Payout batch", TokenMode.Test);
        await Fixture.CreateTokenAsync(ops, "Forgotten script");
        await Fixture.RecordAsync([.. Traffic(checkout.Id), .. Traffic(payouts.Id).Where((_, i) => i % 3 == 0)]);
        await SignInAsync(ops);

        await Page.GotoAsync("/Ops?period=Last24Hours");
        var activity = await WaitForChartAsync("ops-activity-chart");
        var status = await WaitForChartAsync("ops-status-chart");
        await ScreenshotAsync("ops-dashboard");

        Assert.True(activity);
        Assert.True(status);
        Assert.Contains("Forgotten script", await Page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    private async Task<bool> WaitForChartAsync(string id)
    {
        var handle = await Page.WaitForFunctionAsync(ChartDrawn, id,
            new PageWaitForFunctionOptions { Timeout = 10_000 });
        return await handle.JsonValueAsync<bool>();
    }

    private static IEnumerable<ApiCall> Traffic(Guid tokenId)
    {
        var now = DateTimeOffset.UtcNow;
        var endpoints = new[] { "GET /v1/payments", "GET /v1/payments/{id}", "POST /v1/payment-codes", "GET /v1" };
        for (var hour = 0; hour < 24; hour++)
        {
            var calls = 20 + (int)(15 * Math.Sin(hour / 3.0)) + (hour % 5 * 4);
            for (var i = 0; i < calls; i++)
            {
                var status = i % 17 == 0 ? 500 : i % 9 == 0 ? 403 : i % 7 == 0 ? 404 : 200;
                yield return UsageSeed.Call(tokenId, now.AddHours(-hour).AddMinutes(-i % 50), status,
                    endpoints[(i + hour) % endpoints.Length], hour < 2 ? NewAddress : "203.0.113.5",
                    status == 403 ? "permission_denied" : null);
            }
        }
    }
}
