using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Monime.Portal.Web.Pages;

[AllowAnonymous]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Something went wrong";

    public string Message { get; private set; } = "The portal could not finish this request. Nothing was changed.";

    public string? RequestId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    private void Describe(int? status)
    {
        RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Message) = status switch
        {
            404 => ("Page not found", "There is nothing at this address."),
            400 => ("Request refused", "The request was malformed or its form had expired. Reload the page and try again."),
            403 => ("Not allowed", "Your account may not see this page."),
            429 => ("Too many requests", "Wait a moment, then try again."),
            _ => (Title, Message),
        };
        if (status is >= 400 and < 600)
        {
            Response.StatusCode = status.Value;
        }
    }
}
