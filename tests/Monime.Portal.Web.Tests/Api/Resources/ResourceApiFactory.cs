using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// The real application, with <see cref="TestCallerMiddleware"/> standing in for the bearer-token pipeline so
/// that the resources can be tested before (and apart from) authentication.
/// </summary>
public sealed class ResourceApiFactory : PortalAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, TestCallerStartupFilter>());
    }
}
