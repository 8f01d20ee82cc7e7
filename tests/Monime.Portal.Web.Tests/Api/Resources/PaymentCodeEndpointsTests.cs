using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using static Monime.Portal.Web.Tests.Api.Resources.ResourceApiClient;

namespace Monime.Portal.Web.Tests.Api.Resources;

[Collection(ResourceApiCollection.Name)]
public sealed class PaymentCodeEndpointsTests(ResourceApiFactory factory)
{
    [Fact]
    public async Task List_ThreeCodesPagedByTwo_WalksToTheEndWithNullNext()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await client.CreateIdAsync("/v1/payment-codes",
                new { name = $"Code {i}", amount = Amount(1000) }));
        }

        var (_, first) = await client.GetJsonAsync("/v1/payment-codes?limit=2");
        var next = (string)first["pagination"]!["next"]!;
        var (_, second) = await client.GetJsonAsync($"/v1/payment-codes?limit=2&after={Uri.EscapeDataString(next)}");

        Assert.Equal(2, (int)first["pagination"]!["count"]!);
        Assert.Equal(1, (int)second["pagination"]!["count"]!);
        Assert.Null(second["pagination"]!["next"]);
        var listed = first["result"]!.AsArray().Concat(second["result"]!.AsArray()).Select(c => (string)c!["id"]!);
        Assert.Equal(created.AsEnumerable().Reverse(), listed);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("51")]
    [InlineData("ten")]
    public async Task List_LimitOutsideOneToFifty_AnswersInvalidLimit(string limit)
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.GetJsonAsync($"/v1/payment-codes?limit={limit}");

        Assert.Equal(400, status);
        Assert.Equal("invalid_limit", (string)body["error"]!["reason"]!);
    }

    [Fact]
    public async Task Create_ValidInput_AnswersPendingCodeWithUssdCode()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/payment-codes",
            new { name = "Order 12", amount = Amount(2500), duration = "30m", reference = "ord-12" });

        Assert.Equal(201, status);
        var code = body["result"]!;
        Assert.StartsWith("pmc-", (string)code["id"]!, StringComparison.Ordinal);
        Assert.Equal("one_time", (string)code["mode"]!);
        Assert.Equal("pending", (string)code["status"]!);
        Assert.Matches(@"^\*715\*\d{10}#$", (string)code["ussdCode"]!);
        Assert.Equal(2500, (long)code["amount"]!["value"]!);
    }

    [Fact]
    public async Task Create_BadAmountAndDuration_ListsEachFieldInDetails()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/payment-codes",
            new { name = "X", amount = Amount(-5, "XYZ"), duration = "forever" });

        Assert.Equal(400, status);
        var fields = body["error"]!["details"]!.AsArray().Select(d => (string)d!["field"]!).ToList();
        Assert.Contains("amount.value", fields);
        Assert.Contains("amount.currency", fields);
        Assert.Contains("duration", fields);
    }

    [Fact]
    public async Task Delete_ExistingCode_AnswersBodyAndThenNotFound()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var id = await client.CreateIdAsync("/v1/payment-codes", new { name = "Gone", amount = Amount(100) });

        var (status, body) = await client.DeleteJsonAsync($"/v1/payment-codes/{id}");
        var (after, _) = await client.GetJsonAsync($"/v1/payment-codes/{id}");

        Assert.Equal(200, status);
        Assert.True((bool)body["success"]!);
        Assert.True((bool)body["result"]!["deleted"]!);
        Assert.Equal(404, after);
    }

    [Fact]
    public async Task SimulatePayment_TestMode_CreatesPaymentCompletesCodeAndCreditsAccount()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var account = await client.CreateIdAsync("/v1/financial-accounts", new { name = "Sales", currency = "SLE" });
        var code = await client.CreateIdAsync("/v1/payment-codes",
            new { name = "Order 7", amount = Amount(4200), financialAccountId = account });

        var (status, body) = await client.PostJsonAsync($"/v1/payment-codes/{code}/simulate-payment", null);
        var (_, payments) = await client.GetJsonAsync("/v1/payments");
        var (_, codeAfter) = await client.GetJsonAsync($"/v1/payment-codes/{code}");
        var (_, accountAfter) = await client.GetJsonAsync($"/v1/financial-accounts/{account}");

        Assert.Equal(201, status);
        var payment = body["result"]!;
        Assert.StartsWith("spm-", (string)payment["id"]!, StringComparison.Ordinal);
        Assert.Equal("completed", (string)payment["status"]!);
        Assert.Equal(code, (string)payment["ownershipGraph"]!["owner"]!["id"]!);
        Assert.Equal((string)payment["id"]!, (string)payments["result"]![0]!["id"]!);
        Assert.Equal("completed", (string)codeAfter["result"]!["status"]!);
        Assert.Equal(1, (int)codeAfter["result"]!["progress"]!["totalPaymentCount"]!);
        Assert.Equal(4200, (long)accountAfter["result"]!["balance"]!["available"]!["value"]!);
    }

    [Fact]
    public async Task SimulatePayment_LiveMode_IsRefusedWithReason()
    {
        using var client = await ResourceApiClient.CreateAsync(factory, mode: TokenMode.Live);
        var code = await client.CreateIdAsync("/v1/payment-codes", new { name = "Live", amount = Amount(100) });

        var (status, body) = await client.PostJsonAsync($"/v1/payment-codes/{code}/simulate-payment", null);
        var (_, payments) = await client.GetJsonAsync("/v1/payments");

        Assert.Equal(400, status);
        Assert.Equal("simulation_unavailable_in_live_mode", (string)body["error"]!["reason"]!);
        Assert.Empty(payments["result"]!.AsArray());
    }

    [Fact]
    public async Task List_SameSpaceOtherMode_SeesNoneOfTheOtherModesRows()
    {
        var spaceId = SpaceIds.NewId();
        using var test = await ResourceApiClient.CreateAsync(factory, spaceId, TokenMode.Test);
        using var live = await ResourceApiClient.CreateAsync(factory, spaceId, TokenMode.Live);
        var testCode = await test.CreateIdAsync("/v1/payment-codes", new { name = "T", amount = Amount(100) });
        await test.PostJsonAsync($"/v1/payment-codes/{testCode}/simulate-payment", null);
        await live.CreateIdAsync("/v1/payment-codes", new { name = "L", amount = Amount(100) });

        var (_, liveCodes) = await live.GetJsonAsync("/v1/payment-codes?limit=50");
        var (_, livePayments) = await live.GetJsonAsync("/v1/payments?limit=50");
        var (_, testCodes) = await test.GetJsonAsync("/v1/payment-codes?limit=50");

        Assert.Single(liveCodes["result"]!.AsArray());
        Assert.DoesNotContain(liveCodes["result"]!.AsArray(), c => (string)c!["id"]! == testCode);
        Assert.Empty(livePayments["result"]!.AsArray());
        Assert.Single(testCodes["result"]!.AsArray());
    }
}
