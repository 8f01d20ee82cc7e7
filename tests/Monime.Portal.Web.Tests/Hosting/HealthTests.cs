using System.Net;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Hosting;

[Collection(PortalCollection.Name)]
public sealed class HealthTests(PortalAppFactory factory)
{
    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Probe_WithDatabaseUp_AnswersHealthy(string path)
    {
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
