using System.Net;
using Monime.Portal.Testing;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>A host whose database address answers nothing: the API must fail closed with 503, never 200 or 401.</summary>
public sealed class ApiDatabaseDownTests(ApiDatabaseDownTests.NoDatabaseFactory factory)
    : IClassFixture<ApiDatabaseDownTests.NoDatabaseFactory>
{
    [Fact]
    public async Task Call_WithWellFormedTokenAndDatabaseDown_Returns503ServiceUnavailable()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.Random()));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
        Assert.Equal("service_unavailable", response.Reason);
        Assert.NotNull(response.Header("Retry-After"));
    }

    [Fact]
    public async Task Call_WithMalformedTokenAndDatabaseDown_StillReturns401()
    {
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", "mon_nope"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
    }

    public sealed class NoDatabaseFactory : ApiAppFactory
    {
        public override Task InitializeAsync()
        {
            UseConnectionString("Host=127.0.0.1;Port=1;Database=none;Username=postgres;Timeout=2");
            return Task.CompletedTask;
        }
    }
}
