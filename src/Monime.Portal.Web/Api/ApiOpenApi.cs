using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Describes the API in the OpenAPI document: the bearer scheme, the Monime headers on each operation and
/// the permission each endpoint needs (as <c>x-monime-permission</c> and in its description).
/// </summary>
internal static class ApiOpenApi
{
    public const string DocumentName = "v1";

    private const string SchemeName = "bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description =>
            description.RelativePath is { } path && (path == "v1" || path.StartsWith("v1/", StringComparison.Ordinal));
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Monime API (portal)",
                Version = Tokens.ApiReleases.Latest,
                Description = "Call with Authorization: Bearer mon_… (live) or mon_test_… (test). Answers are "
                    + "{ success, messages, result } or { success: false, messages, error: { code, reason, "
                    + "message, details } }; every answer carries Monime-Request-Id. Token introspection answers in "
                    + "RFC 7662's shape instead: { active, … }, or { active: false } alone.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An access token created in the portal. Never sent in the URL.",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            var permission = metadata.OfType<ApiPermissionMetadata>().FirstOrDefault();
            var optional = metadata.OfType<ApiOptionalAuthenticationMetadata>().Any();
            var method = context.Description.HttpMethod ?? "GET";
            operation.Parameters ??= [];
            operation.Parameters.Add(Header(ApiHeaders.Version, false,
                "API release to use (caph.2025-06-20 or caph.2025-08-23); defaults to the token's release."));
            if (permission is { SpaceScoped: true })
            {
                operation.Parameters.Add(Header(ApiHeaders.SpaceId, true, "The Space to act in, spc_…"));
            }

            if (method is "POST" or "PUT" or "PATCH" && !metadata.OfType<ApiNoIdempotencyMetadata>().Any())
            {
                operation.Parameters.Add(Header(ApiHeaders.IdempotencyKey, false,
                    "Up to 255 letters, digits, '-' or '_'; the same key and request replays the first answer."));
            }

            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            string requirement;
            if (permission is not null)
            {
                operation.Extensions["x-monime-permission"] = new JsonNodeExtension(permission.Permission);
                requirement = $"Requires the {permission.Permission} permission"
                    + (permission.SpaceScoped ? " in the Space named by Monime-Space-Id." : ".");
            }
            else
            {
                requirement = optional ? "Works with or without a token." : "Requires a valid token.";
            }

            operation.Description = string.IsNullOrEmpty(operation.Description)
                ? requirement
                : $"{requirement} {operation.Description}";

            if (!optional)
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement
                {
                    [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [],
                });
            }

            return Task.CompletedTask;
        });
    }

    private static OpenApiParameter Header(string name, bool required, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
