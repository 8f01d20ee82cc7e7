using Serilog;

namespace Monime.Portal.Web.Hosting;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog, configured from the "Serilog" section, replaces the default providers. Every event's properties
    /// lose anything shaped like a token, then have their control characters escaped, whichever sink writes them.
    /// </summary>
    public static WebApplicationBuilder AddPortalLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Enrich.With<SecretMaskingEnricher>()
            .Enrich.With<ControlCharacterEscapingEnricher>());
        return builder;
    }
}
