using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Account;

/// <summary>Second step of sign-in for Monimeers with two-factor sign-in on; failures count toward lockout.</summary>
[EnableRateLimiting(SignInThrottling.Policy)]
public sealed class LoginWith2faModel(
    SignInManager<Monimeer> signIn, PortalDbContext db, AuditTrail audit, ILogger<LoginWith2faModel> logger) : PageModel
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
            audit.Record(AuditActions.SignedIn, user.Id, user.OrganizationId, ip, subjectUserId: user.Id, detail: "two-factor");
            await db.SaveChangesAsync();
            AccountLog.SignedIn(logger, user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Developer");
        }

        audit.Record(result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed, null, user.OrganizationId,
            ip, subjectUserId: user.Id, detail: "two-factor");
        await db.SaveChangesAsync();
        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(logger, user.Id);
            return RedirectToPage("./Lockout");
        }

        AccountLog.SignInFailed(logger, user.Id);
        ModelState.AddModelError(string.Empty, "That code is not right.");
        return Page();
    }
}
