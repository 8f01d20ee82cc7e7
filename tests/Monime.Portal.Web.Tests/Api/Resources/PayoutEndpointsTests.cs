using Monime.Portal.Tokens;
using static Monime.Portal.Web.Tests.Api.Resources.ResourceApiClient;

namespace Monime.Portal.Web.Tests.Api.Resources;

[Collection(ResourceApiCollection.Name)]
public sealed class PayoutEndpointsTests(ResourceApiFactory factory)
{
    private static readonly object s_momo = new { type = "momo", providerId = "m17", phoneNumber = "+23276123456" };

    [Fact]
    public async Task Create_TestModeWithoutSource_CompletesAtOnce()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/payouts",
            new { amount = Amount(900), destination = s_momo });

        Assert.Equal(201, status);
        Assert.StartsWith("pot-", (string)body["result"]!["id"]!, StringComparison.Ordinal);
        Assert.Equal("completed", (string)body["result"]!["status"]!);
        Assert.Equal("m17", (string)body["result"]!["destination"]!["providerId"]!);
    }

    [Fact]
    public async Task Create_LiveMode_StaysPendingAndDeleteCancelsIt()
    {
        using var client = await ResourceApiClient.CreateAsync(factory, mode: TokenMode.Live);
        var id = await client.CreateIdAsync("/v1/payouts", new { amount = Amount(900), destination = s_momo });

        var (_, before) = await client.GetJsonAsync($"/v1/payouts/{id}");
        var (status, deleted) = await client.DeleteJsonAsync($"/v1/payouts/{id}");

        Assert.Equal("pending", (string)before["result"]!["status"]!);
        Assert.Equal(200, status);
        Assert.Equal("cancelled", (string)deleted["result"]!["status"]!);
    }

    [Fact]
    public async Task Delete_CompletedPayout_IsRefusedAsNotCancellable()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var id = await client.CreateIdAsync("/v1/payouts", new { amount = Amount(900), destination = s_momo });

        var (status, body) = await client.DeleteJsonAsync($"/v1/payouts/{id}");

        Assert.Equal(409, status);
        Assert.Equal("payout_not_cancellable", (string)body["error"]!["reason"]!);
    }

    [Fact]
    public async Task Create_MomoWithoutPhoneNumber_AnswersValidationFailed()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/payouts",
            new { amount = Amount(900), destination = new { type = "momo", providerId = "m17" } });

        Assert.Equal(400, status);
        Assert.Contains(body["error"]!["details"]!.AsArray(), d => (string)d!["field"]! == "destination.phoneNumber");
    }

    [Fact]
    public async Task Create_SourceAccountShortOfFunds_FailsWithInsufficientFunds()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var account = await client.CreateIdAsync("/v1/financial-accounts", new { name = "Empty", currency = "SLE" });

        var (status, body) = await client.PostJsonAsync("/v1/payouts",
            new { amount = Amount(900), destination = s_momo, source = new { financialAccountId = account } });

        Assert.Equal(201, status);
        Assert.Equal("failed", (string)body["result"]!["status"]!);
        Assert.Equal("insufficient_funds", (string)body["result"]!["failureDetail"]!["code"]!);
    }
}
