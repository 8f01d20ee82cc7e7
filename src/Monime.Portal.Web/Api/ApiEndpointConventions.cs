namespace Monime.Portal.Web.Api;

public static class ApiEndpointConventions
{
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, string permission, bool spaceScoped = true)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ApiPermissionMetadata(permission, spaceScoped));

    /// <summary>The caller established by the bearer-token checks; present on every endpoint that requires a permission.</summary>
    public static ApiCaller GetApiCaller(this HttpContext context) =>
        context.Features.Get<ApiCaller>()
        ?? throw new InvalidOperationException("The endpoint was reached without bearer authentication.");
}
