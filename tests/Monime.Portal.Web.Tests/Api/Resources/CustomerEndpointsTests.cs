using static Monime.Portal.Web.Tests.Api.Resources.ResourceApiClient;

namespace Monime.Portal.Web.Tests.Api.Resources;

[Collection(ResourceApiCollection.Name)]
public sealed class CustomerEndpointsTests(ResourceApiFactory factory)
{
    [Fact]
    public async Task CreateThenGet_ValidInput_ReturnsTheSameCustomer()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);
        var id = await client.CreateIdAsync("/v1/customers",
            new { name = "Aminata Kamara", email = "aminata@example.test", phoneNumber = "+23276000001" });

        var (status, body) = await client.GetJsonAsync($"/v1/customers/{id}");

        Assert.Equal(200, status);
        Assert.StartsWith("cus-", id, StringComparison.Ordinal);
        Assert.Equal("Aminata Kamara", (string)body["result"]!["name"]!);
        Assert.Equal("aminata@example.test", (string)body["result"]!["email"]!);
    }

    [Fact]
    public async Task Create_BadEmail_AnswersValidationFailed()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.PostJsonAsync("/v1/customers", new { name = "A", email = "not-an-email" });

        Assert.Equal(400, status);
        Assert.Contains(body["error"]!["details"]!.AsArray(), d => (string)d!["field"]! == "email");
    }

    [Fact]
    public async Task List_NewSpace_IsEmptyWithNullNext()
    {
        using var client = await ResourceApiClient.CreateAsync(factory);

        var (status, body) = await client.GetJsonAsync("/v1/customers");

        Assert.Equal(200, status);
        Assert.Empty(body["result"]!.AsArray());
        Assert.Equal(0, (int)body["pagination"]!["count"]!);
        Assert.Null(body["pagination"]!["next"]);
    }
}
