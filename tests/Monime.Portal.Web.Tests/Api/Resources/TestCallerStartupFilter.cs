using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>Puts the test caller in front of the whole app, where the real bearer checks will stand.</summary>
internal sealed class TestCallerStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<TestCallerMiddleware>();
        next(app);
    };
}
