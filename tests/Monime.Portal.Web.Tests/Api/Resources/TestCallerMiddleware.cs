using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// TEST STAND-IN for the bearer-token pipeline: believes the X-Test-* headers about who calls, then enforces
/// the endpoint's permission the simplest way. Never part of the application.
/// </summary>
internal sealed class TestCallerMiddleware(RequestDelegate next, EndpointDataSource endpoints)
{
    public const string SpaceHeader = "X-Test-Space";

    public const string ModeHeader = "X-Test-Mode";

    public const string PermissionsHeader = "X-Test-Permissions";

    public async Task InvokeAsync(HttpContext context)
    {
        var required = FindEndpoint(context)?.Metadata.GetMetadata<ApiPermissionMetadata>();
        if (required is null)
        {
            await next(context);
            return;
        }

        var space = context.Request.Headers[SpaceHeader].ToString();
        if (space.Length == 0)
        {
            await ApiResults.Error(401, "unauthenticated", "Test caller headers are missing.").ExecuteAsync(context);
            return;
        }

        var permissions = context.Request.Headers[PermissionsHeader].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToHashSet(StringComparer.Ordinal);
        if (!permissions.Contains(required.Permission))
        {
            await ApiResults.Error(403, "missing_permission", $"The caller lacks {required.Permission}.")
                .ExecuteAsync(context);
            return;
        }

        var mode = Enum.Parse<TokenMode>(context.Request.Headers[ModeHeader].ToString(), ignoreCase: true);
        context.Features.Set(new ApiCaller(Guid.NewGuid(), "test-owner", Guid.Empty, mode, ApiReleases.Latest,
            space, permissions));
        await next(context);
    }

    // The app routes after this middleware runs, so the stand-in matches the request to an endpoint itself.
    private RouteEndpoint? FindEndpoint(HttpContext context) =>
        endpoints.Endpoints.OfType<RouteEndpoint>().FirstOrDefault(endpoint =>
            endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(context.Request.Method) == true
            && new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), [])
                .TryMatch(context.Request.Path, []));
}
