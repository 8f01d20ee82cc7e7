using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// The real application, reached by programs with real bearer tokens (see <see cref="ResourceApiClient"/>).
/// Per-token rate limits are lifted: these tests make calls in quick bursts and test resources, not limits.
/// Requests get a peer address as over a real socket, so records of their source can be checked.
/// </summary>
public sealed class ResourceApiFactory : PortalAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimits:LivePerSecond"] = "10000",
        ["Api:RateLimits:TestPerSecond"] = "10000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, TestPeerAddressStartupFilter>());
    }
}
