using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Monime.Portal.Web.Hosting;

public static class HealthEndpoints
{
    /// <summary>
    /// <c>/healthz</c> answers while the process lives (restart me if not); <c>/readyz</c> only while
    /// PostgreSQL answers too (send me traffic only then).
    /// </summary>
    public static WebApplication MapPortalHealth(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") })
            .AllowAnonymous();
        return app;
    }
}
