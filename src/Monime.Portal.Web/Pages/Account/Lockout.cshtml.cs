using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Monime.Portal.Web.Pages.Account;

public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
