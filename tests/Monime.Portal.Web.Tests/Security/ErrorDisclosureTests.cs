using System.Net;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// A forced exception and a failing SQL statement, behind the API and behind the portal: the answer says what
/// happened in the API's JSON envelope or an HTML page, with the status it claims, and nothing of the failure's
/// insides (<see cref="ErrorLeaks"/>).
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class ErrorDisclosureTests(ApiAppFactory factory, ITestOutputHelper output)
{
    [Theory]
    [InlineData("POST", "/v1/test/boom", HttpStatusCode.InternalServerError, "internal_error")]
    [InlineData("GET", "/v1/test/sql-error", HttpStatusCode.ServiceUnavailable, "service_unavailable")]
    public async Task Api_EndpointThrowsOrItsSqlFails_AnswersTheEnvelopeWithoutInternals(
        string method, string path, HttpStatusCode status, string reason)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(new HttpMethod(method), path, token, user.SpaceId));

        var leaks = ErrorLeaks.Find(response.Body + response.Message.Headers);
        output.WriteLine($"E5: {method} {path} -> {(int)response.Status} {response.Header("Content-Type")}; "
            + $"stack traces, SQL or exception names leaked = {leaks.Count}");
        Assert.Equal(status, response.Status);
        Assert.Equal("application/json", response.Message.Content.Headers.ContentType?.MediaType);
        Assert.False(response.Json.GetProperty("success").GetBoolean());
        Assert.Equal((int)status, response.Json.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(reason, response.Reason);
        Assert.Empty(leaks);
    }

    [Theory]
    [InlineData("/test/page-boom", HttpStatusCode.InternalServerError, "Something went wrong")]
    [InlineData("/test/page-sql-error", HttpStatusCode.ServiceUnavailable, "Try again")]
    public async Task Page_HandlerThrowsOrItsSqlFails_AnswersAnHtmlPageWithoutInternals(
        string path, HttpStatusCode status, string says)
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(path);

        var body = await response.Content.ReadAsStringAsync();
        var leaks = ErrorLeaks.Find(body + response.Headers);
        output.WriteLine($"E5: GET {path} -> {(int)response.StatusCode} {response.Content.Headers.ContentType}; "
            + $"stack traces, SQL or exception names leaked = {leaks.Count}");
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(says, body, StringComparison.Ordinal);
        Assert.Empty(leaks);
    }
}
