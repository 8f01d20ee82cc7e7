using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Monime.Portal.Accounts;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Account;

/// <summary>Second step of sign-in for Monimeers with two-factor sign-in on; failures count toward lockout.</summary>
[EnableRateLimiting(SignInThrottling.Policy)]
public sealed class LoginWith2faModel(SignInManager<Monimeer> signIn, SignInRecorder recorder) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("./Login") : Page();

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToPage("./Login");
        }

        var entered = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var result = entered.Length == 6
            ? await signIn.TwoFactorAuthenticatorSignInAsync(entered, isPersistent: false, rememberClient: false)
            : await signIn.TwoFactorRecoveryCodeSignInAsync(entered);
        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();

        if (result.Succeeded)
        {
            await recorder.SucceededAsync(user, ip, detail: "two-factor");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Developer");
        }

        await recorder.FailedAsync(user, result, ip, detail: "two-factor");
        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError(string.Empty, "That code is not right.");
        return Page();
    }
}
