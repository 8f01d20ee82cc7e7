using Monime.Portal.Accounts;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Api.Resources;

namespace Monime.Portal.Web.Api;

/// <summary>
/// The endpoints the API pipeline itself owns: the self-test, the calling token's own view, its rotation and
/// token introspection.
/// </summary>
public static class ApiEndpoints
{
    private const int DefaultGraceSeconds = 86_400;

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

        routes.MapPost("/v1/tokens/self/rotate", RotateSelfAsync)
            .WithMetadata(new ApiSecretResponseMetadata())
            .WithName("RotateOwnToken")
            .WithSummary("Rotate the calling token: the replacement is shown once; the old one works for a grace")
            .WithTags("General");

        // RFC 7662's answer shape, not the envelope: an OAuth library reads {"active": …} at the top level.
        routes.MapPost("/v1/tokens/introspect",
                (HttpContext context, TokenIntrospector introspector) => introspector.IntrospectAsync(context))
            .WithMetadata(new ApiNoIdempotencyMetadata())
            .Accepts<IntrospectionInput>("application/x-www-form-urlencoded", "application/json")
            .Produces<ActiveTokenIntrospection>()
            .WithName("IntrospectToken")
            .WithSummary("Introspect a token of the caller's organisation (RFC 7662): is it active, and what may it do")
            .WithDescription("Send token=… form-encoded or {\"token\": …} as JSON. The answer is RFC 7662's, "
                + "not the envelope: {\"active\": false} and nothing more for a token that is unknown, malformed, "
                + "revoked, expired, of another organisation or whose secret is wrong; otherwise active, scope, "
                + "client_id (the token's id), token_type, iat, exp, sub (the owner's id), mode and "
                + "whitelisted_space_id. A wrong secret counts against the failure throttle like a refused call.")
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
            caller is null ? null : Sorted(caller.EffectivePermissions)));
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
            Sorted(token.Permissions)));
    }

    /// <summary>
    /// A program replaces its own token: the same settings, a new secret, the old token kept for a grace period
    /// so that running instances can pick up the new one. Acts as the token's owner, so the rotation is audited
    /// under their name; a token may be rotated once.
    /// </summary>
    private static async Task<IResult> RotateSelfAsync(HttpContext context, TokenService tokens)
    {
        var token = context.Features.Get<ApiCallState>()?.Token
            ?? throw new InvalidOperationException("The endpoint was reached without bearer authentication.");
        var (input, error) = await ResourceRequests.ReadBodyAsync<SelfRotationInput>(context.Request, optional: true);
        if (error is not null)
        {
            return error;
        }

        var seconds = input?.GracePeriodSeconds ?? DefaultGraceSeconds;
        if (seconds < 0 || seconds > TokenRules.MaxSelfRotationGrace.TotalSeconds)
        {
            return ApiResults.Error(StatusCodes.Status400BadRequest, ResourceResults.ValidationReason,
                "gracePeriodSeconds must be between 0 and 604800.");
        }

        var actor = new PortalActor(token.OwnerId, token.OrganizationId, false, false,
            ApiAuthenticator.ClientAddress(context)?.ToString());
        var rotation = await tokens.RotateAsync(actor, token.Id, TimeSpan.FromSeconds(seconds),
            context.RequestAborted);
        if (rotation is not { Outcome: TokenChangeResult.Changed, Replacement: { } replacement, Issued: { } issued })
        {
            return rotation.Message == TokenService.AlreadyRotated
                ? ApiResults.Error(StatusCodes.Status409Conflict, ApiReasons.AlreadyRotated,
                    "This token was already rotated; use its replacement.")
                : ApiResults.Error(StatusCodes.Status409Conflict, ApiReasons.InvalidRequest,
                    rotation.Message ?? "This token cannot be rotated.");
        }

        context.Response.Headers.CacheControl = "no-store";
        var graceEnd = replacement.CreatedAt.AddSeconds(seconds);
        var oldExpiry = token.ExpiresAt is { } expiresAt && expiresAt < graceEnd ? expiresAt : graceEnd;
        return ApiResults.Ok(SelfRotationResult.From(token, replacement, issued, oldExpiry),
            StatusCodes.Status201Created);
    }

    /// <summary>Permissions in a stable order; a plain sort, since the self-test answers on every call.</summary>
    private static string[] Sorted(IReadOnlySet<string> permissions)
    {
        var sorted = permissions.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        return sorted;
    }
}
