using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;
using Monime.Portal.Usage;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// The portal with test-only endpoints and a settable peer address. Rate limits, the per-address failure
/// throttle and the instance's failure allowance are raised so that tests sharing this host do not trip them;
/// their own tests use smaller hosts.
/// </summary>
public class ApiAppFactory : PortalAppFactory
{
    public CollectingUsageRecorder Usage { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimits:LivePerSecond"] = "10000",
        ["Api:RateLimits:TestPerSecond"] = "10000",
        ["Api:FailuresPerIpPerMinute"] = "100000",
        ["Api:FailuresPerInstancePerSecond"] = "100000",
        ["ForwardedHeaders:TrustedProxies:0"] = ApiAuthorizationTests.TrustedProxy,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestPeerAddressStartupFilter>();
            services.AddSingleton<IApiEndpointSource, TestApiEndpoints>();
            services.AddSingleton<IUsageRecorder>(provider =>
            {
                Usage.Inner = provider.GetRequiredService<UsageBuffer>();
                return Usage;
            });
        });
    }
}
