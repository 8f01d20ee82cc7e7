using Monime.Portal.Spaces;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api.Resources;

[Collection(ResourceApiCollection.Name)]
public sealed class FinancialAccountEndpointsTests(ResourceApiFactory factory)
{
    [Fact]
    public async Task Create_ValidInput_AnswersCreatedWithMonimeShape()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/financial-accounts",
            new { name = "Main wallet", currency = "SLE", metadata = new { team = "ops" } });

        Assert.Equal(201, status);
        Assert.True((bool)body["success"]!);
        var result = body["result"]!;
        Assert.StartsWith("fac-", (string)result["id"]!, StringComparison.Ordinal);
        Assert.Equal("Main wallet", (string)result["name"]!);
        Assert.Equal("SLE", (string)result["balance"]!["available"]!["currency"]!);
        Assert.Equal(0, (long)result["balance"]!["available"]!["value"]!);
        Assert.Equal("ops", (string)result["metadata"]!["team"]!);
        Assert.NotNull(result["createTime"]);
    }

    [Fact]
    public async Task Create_MissingNameAndUnknownCurrency_AnswersValidationFailedWithDetails()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/financial-accounts", new { currency = "EUR" });

        Assert.Equal(400, status);
        Assert.False((bool)body["success"]!);
        Assert.Equal("validation_failed", (string)body["error"]!["reason"]!);
        Assert.Equal(400, (int)body["error"]!["code"]!);
        var fields = body["error"]!["details"]!.AsArray().Select(d => (string)d!["field"]!).ToList();
        Assert.Contains("name", fields);
        Assert.Contains("currency", fields);
    }

    [Fact]
    public async Task Create_MalformedJson_AnswersValidationFailedEnvelope()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        using var content = new StringContent("{ \"name\": ", System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/v1/financial-accounts", content);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("validation_failed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_FromAnotherSpace_AnswersNotFound()
    {
        using var owner = await ResourceApiClient.CreateAsync(factory);
        using var stranger = await ResourceApiClient.CreateAsync(factory);
        var id = await owner.CreateIdAsync("/v1/financial-accounts", new { name = "Wallet", currency = "SLE" });

        var (status, body) = await stranger.GetJsonAsync($"/v1/financial-accounts/{id}");

        Assert.Equal(404, status);
        Assert.Equal("not_found", (string)body["error"]!["reason"]!);
    }

    [Fact]
    public async Task Get_SameSpaceOtherMode_AnswersNotFound()
    {
        var spaceId = SpaceIds.NewId();
        using var test = await ResourceApiClient.CreateAsync(factory, spaceId, TokenMode.Test);
        using var live = await ResourceApiClient.CreateAsync(factory, spaceId, TokenMode.Live);
        var id = await test.CreateIdAsync("/v1/financial-accounts", new { name = "Wallet", currency = "SLE" });

        var (status, _) = await live.GetJsonAsync($"/v1/financial-accounts/{id}");
        var (ownStatus, _) = await test.GetJsonAsync($"/v1/financial-accounts/{id}");

        Assert.Equal(404, status);
        Assert.Equal(200, ownStatus);
    }

    [Fact]
    public async Task Create_WithoutWritePermission_IsRefusedByTheCallerChecks()
    {
        using var client = await ResourceApiClient.CreateAsync(factory, permissions: "financial_accounts:read");

        var (status, _) = await client.PostJsonAsync("/v1/financial-accounts", new { name = "W", currency = "SLE" });

        Assert.Equal(403, status);
    }
}
