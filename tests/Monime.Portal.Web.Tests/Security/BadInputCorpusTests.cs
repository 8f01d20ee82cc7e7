using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api.Resources;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Hostile and malformed input against the create form and the API. Every case must be refused with a 4xx,
/// never a 5xx, and must leave the database as it was.
/// </summary>
[Collection(ResourceApiCollection.Name)]
public sealed class BadInputCorpusTests(ResourceApiFactory factory)
{
    private static readonly string s_longName = new('n', 101);

    public static TheoryData<string, string> FormCases => new()
    {
        { "Input.Name", "" },
        { "Input.Name", "   " },
        { "Input.Name", s_longName },
        { "Input.Name", new string('x', 10_000) },
        { "Input.Name", "evil\u202Egnp.exe" },
        { "Input.Name", "line\r\nforged: entry" },
        { "Input.Name", "tab\tname" },
        { "Input.Name", "zero\u200Bwidth" },
        { "Input.Name", "line\u2028separator" },
        { "Input.Name", "paragraph\u2029separator" },
        { "Input.Name", "bell\u0007" },
        { "Input.Name", "escape\u001B[31m" },
        { "Input.Name", "isolate\u2066x\u2069" },
        { "Input.Mode", "Production" },
        { "Input.Mode", "7" },
        { "Input.Expiry", "Forever" },
        { "Input.Expiry", "42" },
        { "Input.Expiry", "Custom" },
        { "Input.CustomExpiresOn", "2020-01-01" },
        { "Input.CustomExpiresOn", "9999-12-31" },
        { "Input.CustomExpiresOn", "31/12/2027" },
        { "Input.CustomExpiresOn", "2027-02-30" },
        { "Input.CustomExpiresOn", "tomorrow" },
        { "Input.CustomExpiresOn", "2027-01-01T00:00:00+05:00" },
        { "Input.ApiRelease", "" },
        { "Input.ApiRelease", "v1.0.0" },
        { "Input.ApiRelease", "caph.2099-01-01" },
        { "Input.ApiRelease", "CAPH.2025-08-23" },
        { "Input.WhitelistedSpaceId", "spc_notmine0000000" },
        { "Input.WhitelistedSpaceId", "' OR 1=1 --" },
        { "Input.WhitelistedSpaceId", "../../etc/passwd" },
        { "Input.IpWhitelist", "10.0.0.0/33" },
        { "Input.IpWhitelist", "256.1.1.1" },
        { "Input.IpWhitelist", "010.0.0.1" },
        { "Input.IpWhitelist", "0.0.0.0/0" },
        { "Input.IpWhitelist", "::/0" },
        { "Input.IpWhitelist", "1.2.3" },
        { "Input.IpWhitelist", "1.2.3.4/-1" },
        { "Input.IpWhitelist", "1.2.3.4/" },
        { "Input.IpWhitelist", "10.0.0.1/24" },
        { "Input.IpWhitelist", "fe80::1%eth0" },
        { "Input.IpWhitelist", "1.2.3.4;rm -rf /" },
        { "Input.IpWhitelist", "::ffff:999.1.1.1" },
        { "Input.IpWhitelist", "2001:db8::/129" },
        { "Input.IpWhitelist", "localhost" },
        { "Input.IpWhitelist", "1.2.3.4/+24" },
        { "Input.IpWhitelist", string.Join(",", Enumerable.Range(1, 21).Select(i => $"192.0.2.{i}")) },
        { "Input.Permissions", "admin:*" },
        { "Input.Permissions", "Payments:Read" },
        { "Input.Permissions", "payments:read " },
        { "Input.Permissions", " payments:read" },
        { "Input.Permissions", "payments:*" },
        { "Input.Permissions", "payments:delete" },
        { "Input.Permissions", "customers:read" },
        { "Input.Permissions", "" },
        { "Input.Services", "admin" },
        { "Input.Services", "PAYMENTS" },
        { "Input.Nonce", "not-a-guid" },
    };

    public static TheoryData<string, string, string> ApiCases => new()
    {
        { "POST", "/v1/payment-codes", "{" },
        { "POST", "/v1/payment-codes", "[]" },
        { "POST", "/v1/payment-codes", "null" },
        { "POST", "/v1/payment-codes", "\"text\"" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":-5}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":\"ten\"}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"ZZZ\",\"value\":5}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":1e400}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":99999999999999999999}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":5},\"duration\":\"forever\"}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"x\",\"amount\":{\"currency\":\"SLE\",\"value\":5},\"mode\":\"banana\"}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"" + new string('n', 5000) + "\",\"amount\":{\"currency\":\"SLE\",\"value\":5}}" },
        { "POST", "/v1/payment-codes", "{\"name\":\"nul\\u0000\",\"amount\":{\"currency\":\"SLE\",\"value\":5},\"duration\":\"x\"}" },
        { "POST", "/v1/payment-codes", new string('[', 5000) + new string(']', 5000) },
        { "POST", "/v1/payouts", "{\"amount\":{\"currency\":\"SLE\",\"value\":0}}" },
        { "POST", "/v1/payouts", "{\"amount\":{\"currency\":\"SLE\",\"value\":100},\"destination\":{\"type\":\"teleport\"}}" },
        { "POST", "/v1/customers", "{\"email\":\"not an email\"}" },
        { "POST", "/v1/customers", "{\"name\":123}" },
        { "POST", "/v1/financial-accounts", "{\"name\":\"\",\"currency\":\"SLE\"}" },
        { "POST", "/v1/financial-accounts", "{\"name\":\"x\",\"currency\":\"sle; DROP TABLE\"}" },
        { "GET", "/v1/payment-codes?limit=-1", "" },
        { "GET", "/v1/payment-codes?limit=1000000000000", "" },
        { "GET", "/v1/payment-codes?limit=%27%20OR%201%3D1", "" },
        { "GET", "/v1/payment-codes?after=garbage", "" },
        { "GET", "/v1/payment-codes?after=%27%3B%20DROP%20TABLE%20%22AccessTokens%22%3B--", "" },
        { "GET", "/v1/payments?after=" + new string('A', 2000), "" },
        { "GET", "/v1/analytics/summary?from=yesterday", "" },
        { "GET", "/v1/analytics/summary?from=2027-13-45T99:00:00Z", "" },
        { "GET", "/v1/payment-codes/pmc-doesnotexist", "" },
        { "GET", "/v1/payment-codes/%2e%2e%2f%2e%2e%2fetc", "" },
        { "DELETE", "/v1/payouts/pot-nothing", "" },
        { "DELETE", "/v1/payment-codes/' OR 1=1 --", "" },
        { "PUT", "/v1/payment-codes", "{}" },
        { "PATCH", "/v1/payouts", "{}" },
        { "GET", "/v1/no-such-resource", "" },
    };

    public static TheoryData<string, string> HeaderCases => new()
    {
        { "Authorization", "Bearer" },
        { "Authorization", "Bearer " },
        { "Authorization", "Bearer mon_" },
        { "Authorization", "Bearer mon_test_" },
        { "Authorization", "Basic dXNlcjpwYXNz" },
        { "Authorization", "Bearer " + new string('A', 8192) },
        { "Authorization", "Bearer mon_ÄÖÜäöüß1234567890123456789012" },
        { "Authorization", "Bearer mon_test_../../../../etc/passwd000000000000" },
        { "Monime-Space-Id", "spc_" },
        { "Monime-Space-Id", "../../" },
        { "Monime-Space-Id", "spc_' OR 1=1 --" },
        { "Monime-Space-Id", new string('s', 4000) },
        { "Monime-Version", "caph.1999-01-01" },
        { "Monime-Version", "'; DROP TABLE" },
        { "Idempotency-Key", new string('k', 300) },
        { "Idempotency-Key", "key with spaces" },
    };

    [Theory]
    [MemberData(nameof(FormCases))]
    public async Task CreateForm_BadInput_Answers4xxAndCreatesNothing(string field, string value)
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var form = LiveForm().Where(pair => pair.Key != field).Append(new(field, value)).ToList();
        if (field == "Input.CustomExpiresOn")
        {
            form = [.. form.Where(pair => pair.Key != "Input.Expiry"), new("Input.Expiry", "Custom")];
        }

        using var response = await client.PostFormAsync("/Tokens/Create", "/Tokens/Create", form);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(0, await TokensOwnedByAsync(user.Id));
    }

    [Theory]
    [MemberData(nameof(ApiCases))]
    public async Task Api_BadRequest_Answers4xxWithEnvelopeAndChangesNothing(string method, string path, string body)
    {
        var user = await factory.CreateUserAsync();
        using var client = await ResourceApiClient.CreateAsync(factory, user.SpaceId);
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body.Length > 0)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Contains("\"success\":false", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await RowsInSpaceAsync(user.SpaceId));
    }

    [Theory]
    [MemberData(nameof(HeaderCases))]
    public async Task Api_BadHeader_Answers4xxAndChangesNothing(string header, string value)
    {
        var user = await factory.CreateUserAsync();
        using var client = await ResourceApiClient.CreateAsync(factory, user.SpaceId);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/customers")
        {
            Content = new StringContent("{\"name\":\"Ada\"}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Remove(header);
        if (header == "Authorization")
        {
            client.DefaultRequestHeaders.Authorization = null;
        }
        else
        {
            client.DefaultRequestHeaders.Remove(header);
        }

        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await client.SendAsync(request);

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.Equal(0, await RowsInSpaceAsync(user.SpaceId));
    }

    [Fact]
    public async Task Api_OversizeBody_Answers413AndChangesNothing()
    {
        var user = await factory.CreateUserAsync();
        using var client = await ResourceApiClient.CreateAsync(factory, user.SpaceId);
        var huge = "{\"name\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using var response = await client.PostAsync("/v1/customers",
            new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, await RowsInSpaceAsync(user.SpaceId));
    }

    [Fact]
    public void Corpus_HoldsAtLeastAHundredCases()
    {
        var total = FormCases.Count + ApiCases.Count + HeaderCases.Count + 1;

        Assert.True(total >= 100, $"the corpus holds {total} cases");
    }

    private static List<KeyValuePair<string, string>> LiveForm() => TokenCreateForm.Live("Corpus token");

    private static async Task<int> TokensOwnedByAsync(string userId)
    {
        await using var db = await TestDatabase.OpenAsync();
        return await db.AccessTokens.CountAsync(t => t.OwnerId == userId);
    }

    private static async Task<int> RowsInSpaceAsync(string spaceId)
    {
        await using var db = await TestDatabase.OpenAsync();
        return await db.Database.SqlQuery<int>($"""
            SELECT ((SELECT count(*) FROM "PaymentCodes" WHERE "SpaceId" = {spaceId})
                  + (SELECT count(*) FROM "Payouts" WHERE "SpaceId" = {spaceId})
                  + (SELECT count(*) FROM "Customers" WHERE "SpaceId" = {spaceId})
                  + (SELECT count(*) FROM "FinancialAccounts" WHERE "SpaceId" = {spaceId}))::int AS "Value"
            """).SingleAsync();
    }
}
