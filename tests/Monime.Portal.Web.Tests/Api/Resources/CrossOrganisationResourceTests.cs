using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.Resources.ResourceApiClient;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// An organisation's resource ids mean nothing to another organisation's token: every read and write of them is
/// 404 <c>not_found</c>, the same answer as for an id that never existed, and none of them changes.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class CrossOrganisationResourceTests(ResourceApiFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task ResourceIdsOfAnotherOrganisation_EveryReadAndWrite_AnswersNotFoundAndChangesNothing()
    {
        using var owner = await ResourceApiClient.CreateAsync(factory);
        using var stranger = await ResourceApiClient.CreateAsync(factory);
        var account = await owner.CreateIdAsync("/v1/financial-accounts", new { name = "Wallet", currency = "SLE" });
        var code = await owner.CreateIdAsync("/v1/payment-codes",
            new { name = "Order 9", amount = Amount(500), financialAccountId = account });
        var (_, simulated) = await owner.PostJsonAsync($"/v1/payment-codes/{code}/simulate-payment", null);
        var payment = (string)simulated["result"]!["id"]!;
        var payout = await owner.CreateIdAsync("/v1/payouts", new
        {
            amount = Amount(100),
            destination = new { type = "momo", providerId = "m17", phoneNumber = "+23276123456" },
        });
        var customer = await owner.CreateIdAsync("/v1/customers", new { name = "Fatmata" });
        string[] resources =
        [
            $"/v1/financial-accounts/{account}", $"/v1/payment-codes/{code}", $"/v1/payments/{payment}",
            $"/v1/payouts/{payout}", $"/v1/customers/{customer}",
        ];
        (HttpMethod Method, string Path)[] attempts =
        [
            .. resources.Select(path => (HttpMethod.Get, path)),
            (HttpMethod.Delete, $"/v1/payment-codes/{code}"),
            (HttpMethod.Post, $"/v1/payment-codes/{code}/simulate-payment"),
            (HttpMethod.Delete, $"/v1/payouts/{payout}"),
        ];
        var before = await SnapshotAsync(owner, resources);

        var answers = new List<(string Attempt, int Status, string? Reason)>();
        foreach (var (method, path) in attempts)
        {
            var (status, body) = await stranger.SendAsync(method, path);
            answers.Add(($"{method} {path}", status, (string?)body["error"]?["reason"]));
        }

        var after = await SnapshotAsync(owner, resources);
        var successes = answers.Count(answer => answer.Status is >= 200 and < 300);
        output.WriteLine($"C6: successes with another organisation's token = {successes} of {answers.Count}; " +
            string.Join("; ", answers.Select(answer => $"{answer.Attempt} -> {answer.Status} {answer.Reason}")));

        Assert.All(answers, answer =>
        {
            Assert.Equal(404, answer.Status);
            Assert.Equal("not_found", answer.Reason);
        });
        Assert.Equal(before, after);
    }

    /// <summary>The owner's view of each resource, so that any change made through the other token shows.</summary>
    private static async Task<List<string>> SnapshotAsync(HttpClient owner, IEnumerable<string> resources)
    {
        var views = new List<string>();
        foreach (var path in resources)
        {
            var (status, body) = await owner.GetJsonAsync(path);
            Assert.Equal(200, status);
            views.Add(body["result"]!.ToJsonString());
        }

        var (_, payments) = await owner.GetJsonAsync("/v1/payments");
        views.Add(payments["result"]!.ToJsonString());
        return views;
    }
}
