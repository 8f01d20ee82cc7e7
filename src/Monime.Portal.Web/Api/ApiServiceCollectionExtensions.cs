using System.Net;
using Monime.Portal.Api;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The bearer-token API: verification (Core), the HTTP pipeline, rate limits and the OpenAPI document.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddPortalTokenVerification(configuration);
        services.AddSingleton<ApiTokenRateLimiter>();
        services.AddSingleton<ApiAuthenticator>();
        services.AddSingleton<ThrottledRefusalHold>();
        services.AddSingleton<ApiEndpointCatalog>();
        services.AddSingleton<TokenIntrospector>();
        services.AddOpenApi(ApiOpenApi.DocumentName, ApiOpenApi.Configure);
        return services;
    }

    /// <summary>
    /// Puts the API pipeline in front of every endpoint under <c>/v1</c> (after routing, so each endpoint's
    /// permission is known) and maps the endpoints the pipeline owns and the OpenAPI document. Pages keep
    /// cookie authentication; nothing under <c>/v1</c> looks at cookies.
    /// </summary>
    public static WebApplication UsePortalApi(this WebApplication app)
    {
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase),
            api => api.UseMiddleware<ApiMiddleware>());
        app.MapApiSelfEndpoints();
        foreach (var source in app.Services.GetServices<IApiEndpointSource>())
        {
            source.Map(app);
        }

        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();

        // Benchmarks read how many Argon2id computations a run cost. Development only and loopback only:
        // the count says nothing secret, but production has no need to expose internals.
        if (app.Environment.IsDevelopment())
        {
            app.MapGet("/diagnostics/argon2", (HttpContext context, Argon2SecretHasher hasher) =>
                    context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address)
                        ? Results.Json(new { evaluations = hasher.Evaluations })
                        : Results.NotFound())
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return app;
    }
}
