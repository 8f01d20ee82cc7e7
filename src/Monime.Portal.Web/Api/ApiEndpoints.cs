using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>The endpoints the API pipeline itself owns: the self-test and the calling token's own view.</summary>
public static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApiSelfEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1", SelfTest)
            .WithMetadata(new ApiOptionalAuthenticationMetadata())
            .WithName("SelfTest")
            .WithSummary("Self-test: environment, authentication, API release in force and the caller's IP")
            .WithTags("General");

        routes.MapGet("/v1/tokens/self", TokenSelf)
            .WithName("GetOwnToken")
            .WithSummary("The calling token's own settings (no permission needed, a valid token is)")
            .WithTags("General");
        return routes;
    }

    private static IResult SelfTest(HttpContext context)
    {
        var call = context.Features.Get<ApiCallState>();
        var caller = context.Features.Get<ApiCaller>();
        var token = call?.Token;
        var environment = caller is null ? null : caller.Mode == TokenMode.Live ? "live" : "test";
        return ApiResults.Ok(new SelfTestResult(
            environment,
            caller is not null,
            call?.ApiRelease ?? ApiReleases.Latest,
            ApiAuthenticator.ClientAddress(context)?.ToString(),
            caller is null ? null : token?.Masked,
            caller is null ? null : [.. caller.EffectivePermissions.Order(StringComparer.Ordinal)]));
    }

    private static IResult TokenSelf(HttpContext context)
    {
        var token = context.Features.Get<ApiCallState>()?.Token
            ?? throw new InvalidOperationException("The endpoint was reached without bearer authentication.");
        return ApiResults.Ok(new TokenSelfResult(
            token.Id,
            token.Masked,
            token.Mode == TokenMode.Live ? "live" : "test",
            token.ApiRelease,
            token.ExpiresAt,
            token.WhitelistedSpaceId,
            token.IpWhitelist.Count > 0,
            [.. token.Permissions.Order(StringComparer.Ordinal)]));
    }
}
