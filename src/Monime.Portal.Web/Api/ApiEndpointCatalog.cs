using Microsoft.AspNetCore.Routing;

namespace Monime.Portal.Web.Api;

/// <summary>
/// The API's endpoints read from routing itself, so that the refusal explainer and the least-privilege view
/// know exactly the permissions the pipeline enforces. Names match <see cref="ApiMiddleware"/>'s usage names.
/// </summary>
public sealed class ApiEndpointCatalog(EndpointDataSource endpoints)
{
    private IReadOnlyList<ApiEndpointInfo>? _all;
    private IReadOnlyDictionary<string, string>? _permissions;

    public IReadOnlyList<ApiEndpointInfo> All => _all ??= Build();

    /// <summary>Usage name to required permission, for endpoints that require one.</summary>
    public IReadOnlyDictionary<string, string> PermissionByEndpoint => _permissions ??= All
        .Where(endpoint => endpoint.Permission is not null)
        .ToDictionary(endpoint => endpoint.Name, endpoint => endpoint.Permission!, StringComparer.Ordinal);

    public ApiEndpointInfo? Find(string? name) =>
        name is null
            ? null
            : All.FirstOrDefault(endpoint => string.Equals(endpoint.Name, name, StringComparison.Ordinal));

    private List<ApiEndpointInfo> Build() =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText is { } text
                && text.TrimStart('/').StartsWith("v1", StringComparison.OrdinalIgnoreCase))
            .SelectMany(endpoint =>
            {
                var permission = endpoint.Metadata.GetMetadata<ApiPermissionMetadata>();
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
                var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
                return methods.Select(method => new ApiEndpointInfo(
                    $"{method} {template}", permission?.Permission, permission?.SpaceScoped ?? false));
            })
            .DistinctBy(endpoint => endpoint.Name)
            .OrderBy(endpoint => endpoint.Name.Split(' ')[1], StringComparer.Ordinal)
            .ThenBy(endpoint => endpoint.Name, StringComparer.Ordinal)];
}
