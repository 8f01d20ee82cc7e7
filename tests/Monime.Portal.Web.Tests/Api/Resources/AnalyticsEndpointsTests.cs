using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using static Monime.Portal.Web.Tests.Api.Resources.ResourceApiClient;

namespace Monime.Portal.Web.Tests.Api.Resources;

[Collection(ResourceApiCollection.Name)]
public sealed class AnalyticsEndpointsTests(ResourceApiFactory factory)
{
    [Fact]
    public async Task Summary_AfterPaymentsPayoutsAndCustomers_CountsAndSumsThisModeOnly()
    {
        var spaceId = SpaceIds.NewId();
        using var client = await ResourceApiClient.CreateAsync(factory, spaceId);
        using var live = await ResourceApiClient.CreateAsync(factory, spaceId, TokenMode.Live);
        foreach (var value in new[] { 1000L, 2500L })
        {
            var code = await client.CreateIdAsync("/v1/payment-codes", new { name = "C", amount = Amount(value) });
            await client.PostJsonAsync($"/v1/payment-codes/{code}/simulate-payment", null);
        }

        await client.CreateIdAsync("/v1/payment-codes", new { name = "Open", amount = Amount(10) });
        await client.CreateIdAsync("/v1/payouts", new
        {
            amount = Amount(700),
            destination = new { type = "bank", providerId = "b01", accountNumber = "0012345" },
        });
        await client.CreateIdAsync("/v1/customers", new { name = "Fatmata" });
        await live.CreateIdAsync("/v1/customers", new { name = "Live only" });

        var (status, body) = await client.GetJsonAsync("/v1/analytics/summary");

        Assert.Equal(200, status);
        var summary = body["result"]!;
        Assert.Equal(2, (int)summary["payments"]!["count"]!);
        Assert.Equal(3500, (long)summary["payments"]!["totals"]![0]!["value"]!);
        Assert.Equal(1, (int)summary["payouts"]!["count"]!);
        Assert.Equal(700, (long)summary["payouts"]!["totals"]![0]!["value"]!);
        Assert.Equal(1, (int)summary["activePaymentCodes"]!);
        Assert.Equal(1, (int)summary["customers"]!);
    }

    [Fact]
    public async Task Summary_PeriodInTheFuture_CountsNothing()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        await client.CreateIdAsync("/v1/customers", new { name = "Before" });

        var (status, body) = await client.GetJsonAsync("/v1/analytics/summary?from=2999-01-01T00:00:00Z");

        Assert.Equal(200, status);
        Assert.Equal(0, (int)body["result"]!["customers"]!);
    }

    [Fact]
    public async Task Summary_UnreadableTime_AnswersValidationFailed()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.GetJsonAsync("/v1/analytics/summary?to=yesterday");

        Assert.Equal(400, status);
        Assert.Equal("validation_failed", (string)body["error"]!["reason"]!);
    }
}
