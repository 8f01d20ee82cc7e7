namespace Monime.Portal.Web.Pages.Docs;

public sealed record ApiParameterView(string Name, string Location, bool Required, string? Description);
