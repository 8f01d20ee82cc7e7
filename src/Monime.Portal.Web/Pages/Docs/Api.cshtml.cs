using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Pages.Docs;

/// <summary>
/// The API reference, rendered on the server from the same OpenAPI document served at /openapi/v1.json, so
/// the page needs no script, no inline style and nothing from a CDN.
/// </summary>
public sealed class ApiModel(IServiceProvider services) : PageModel
{
    public IReadOnlyList<ApiOperationView> Operations { get; private set; } = [];

    public string Title { get; private set; } = "";

    public string? Description { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var provider = services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiOpenApi.DocumentName);
        var document = await provider.GetOpenApiDocumentAsync(cancellationToken);
        Title = document.Info?.Title ?? "API";
        Description = document.Info?.Description;
        Operations =
        [
            .. from path in document.Paths ?? []
               from operation in path.Value.Operations ?? []
               orderby path.Key, operation.Key.Method
               select View(path.Key, operation.Key.Method, operation.Value),
        ];
    }

    private static ApiOperationView View(string path, string method, OpenApiOperation operation) =>
        new(
            method.ToUpperInvariant(),
            path,
            operation.Summary,
            operation.Description,
            operation.Extensions?.TryGetValue("x-monime-permission", out var extension) == true
                && extension is JsonNodeExtension node ? node.Node.ToString() : null,
            operation.Security?.Count > 0,
            [
                .. (operation.Parameters ?? []).Select(parameter => new ApiParameterView(
                    parameter.Name ?? "",
                    parameter.In?.ToString().ToLowerInvariant() ?? "",
                    parameter.Required,
                    parameter.Description)),
            ]);
}
