using System.Net;
using FluentValidation;
using FluentValidation.AspNetCore;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Monime.Portal.Accounts;
using Serilog;

namespace Monime.Portal.Web.Hosting;

public static class WebExtensions
{
    public static IServiceCollection AddPortalWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();

        services.AddPortalDataProtection(configuration);
        services.AddProblemDetails();
        services.AddExceptionHandler<DatabaseFailureExceptionHandler>();
        services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/");
            options.Conventions.AllowAnonymousToFolder("/Account");
            options.Conventions.AuthorizeFolder("/Admin", PortalPolicies.Admin);
            options.Conventions.AuthorizeFolder("/Ops", PortalPolicies.UsageReader);
        });

        services.AddFluentValidationAutoValidation();
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);

        services.AddAntiforgery(options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime-af", configuration);
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.HeaderName = "X-CSRF-TOKEN";
        });

        // TempData carries the admin pages' outcome messages across their redirect, in a cookie of its own.
        services.Configure<CookieTempDataProviderOptions>(options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime-tempdata", configuration);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });

        // ASVS 3.4.1 wants at least a year; the framework default is 30 days.
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.AddOptions<ForwardedHeadersOptions>()
            .BindConfiguration("ForwardedHeaders")
            .Configure<IConfiguration>((options, configuration) =>
            {
                // Client addresses decide IP whitelists and rate limits, so X-Forwarded-For is believed only
                // from the proxies listed in configuration; from anyone else it is ignored.
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                // The framework trusts loopback by default; here only what is configured counts, so a process on
                // the same host cannot claim another client address unless it is the configured proxy.
                options.KnownProxies.Clear();
                options.KnownIPNetworks.Clear();
                var forwarding = configuration.GetSection("ForwardedHeaders");
                foreach (var proxy in forwarding.GetSection("TrustedProxies").Get<string[]>() ?? [])
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                foreach (var network in forwarding.GetSection("TrustedNetworks").Get<string[]>() ?? [])
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }
            });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("postgresql", tags: ["ready"]);
        return services;
    }

    public static WebApplication UsePortalPipeline(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseSerilogRequestLogging();
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }
}
