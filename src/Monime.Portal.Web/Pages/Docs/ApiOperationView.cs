namespace Monime.Portal.Web.Pages.Docs;

public sealed record ApiOperationView(
    string Method,
    string Path,
    string? Summary,
    string? Description,
    string? Permission,
    bool Authenticated,
    IReadOnlyList<ApiParameterView> Parameters);
