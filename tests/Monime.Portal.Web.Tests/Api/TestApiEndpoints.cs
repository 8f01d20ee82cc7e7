using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Test only: protected endpoints of each kind, so the pipeline is tested apart from the resources, and one
/// failing endpoint outside the API.
/// </summary>
internal sealed class TestApiEndpoints : IApiEndpointSource
{
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/test/payments", (HttpContext context) => ApiResults.Ok(Describe(context.GetApiCaller())))
            .RequirePermission("payments:read");
        routes.MapPost("/v1/test/payments", (HttpContext context) =>
                ApiResults.Ok(new { id = Guid.NewGuid(), caller = Describe(context.GetApiCaller()) }, 201))
            .RequirePermission("payments:write");
        routes.MapDelete("/v1/test/payments/{id}", (string id) => ApiResults.Ok(new { id, deleted = true }))
            .RequirePermission("payments:write");
        routes.MapGet("/v1/test/analytics", (HttpContext context) => ApiResults.Ok(Describe(context.GetApiCaller())))
            .RequirePermission("analytics:read", spaceScoped: false);
        routes.MapPost("/v1/test/boom", (HttpContext _) =>
                throw new InvalidOperationException("SELECT secret FROM internals; stack details"))
            .RequirePermission("payments:write");
        routes.MapGet("/v1/test/silent-error", () => Results.StatusCode(418))
            .RequirePermission("payments:read");
        routes.MapGet("/v1/test/db", async (PortalDbContext db) =>
                ApiResults.Ok(new { spaces = await db.Spaces.CountAsync() }))
            .RequirePermission("payments:read");
        routes.MapGet("/v1/test/sql-error", async (PortalDbContext db) =>
                ApiResults.Ok(await db.Database.ExecuteSqlRawAsync("SELECT secret FROM no_such_table")))
            .RequirePermission("payments:read");

        // Outside /v1: failures on the portal's side, answered by its exception handler and error page.
        routes.MapGet("/test/page-boom", (HttpContext _) =>
            throw new InvalidOperationException("SELECT secret FROM internals; stack details"))
            .ExcludeFromDescription();
        routes.MapGet("/test/page-sql-error", async (PortalDbContext db) =>
            Results.Ok(await db.Database.ExecuteSqlRawAsync("SELECT secret FROM no_such_table")))
            .ExcludeFromDescription();
    }

    private static object Describe(ApiCaller caller) => new
    {
        caller.TokenId,
        mode = caller.Mode.ToString(),
        caller.SpaceId,
        caller.ApiRelease,
        permissions = caller.EffectivePermissions.Order(StringComparer.Ordinal).ToArray(),
    };
}
