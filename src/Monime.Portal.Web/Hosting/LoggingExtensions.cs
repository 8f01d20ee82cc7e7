using Serilog;

namespace Monime.Portal.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>Serilog, configured from the "Serilog" section, replaces the default providers.</summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<SecretMaskingEnricher>());
        return builder;
    }
}
