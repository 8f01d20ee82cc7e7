using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<Monimeer> signIn, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId
            && await signIn.UserManager.FindByIdAsync(userId) is { } user)
        {
            // A new security stamp makes every copy of the old cookie worthless, not only this browser's.
            await signIn.UserManager.UpdateSecurityStampAsync(user);
            AccountLog.SignedOut(logger, userId);
        }

        await signIn.SignOutAsync();
        return RedirectToPage();
    }
}
