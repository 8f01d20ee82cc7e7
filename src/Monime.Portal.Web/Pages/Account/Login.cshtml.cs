using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Account;

[EnableRateLimiting(SignInThrottling.Policy)]
public sealed class LoginModel(
    SignInManager<Monimeer> signIn, PortalDbContext db, AuditTrail audit, ILogger<LoginModel> logger) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var ip = HttpContext.Connection.RemoteIpAddress?.ToString();
        var user = await signIn.UserManager.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            // Spend the time a real check would, so that timing does not tell which emails have accounts.
            signIn.UserManager.PasswordHasher.HashPassword(new Monimeer { DisplayName = "" }, Input.Password);
            AccountLog.SignInFailed(logger, null);
            ModelState.AddModelError(string.Empty, "Email or password is incorrect.");
            return Page();
        }

        var result = user.DisabledAt is null
            ? await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true)
            : Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;

        if (result.Succeeded)
        {
            audit.Record(AuditActions.SignedIn, user.Id, user.OrganizationId, ip, subjectUserId: user.Id);
            await db.SaveChangesAsync();
            AccountLog.SignedIn(logger, user.Id);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Developer");
        }

        var action = result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed;
        audit.Record(action, null, user.OrganizationId, ip, subjectUserId: user.Id);
        await db.SaveChangesAsync();

        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(logger, user.Id);
            return RedirectToPage("./Lockout");
        }

        AccountLog.SignInFailed(logger, user.Id);
        ModelState.AddModelError(string.Empty, "Email or password is incorrect.");
        return Page();
    }
}

public sealed record LoginInput
{
    public string Email { get; set; } = "";

    public string Password { get; set; } = "";
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(input => input.Email).NotEmpty().WithMessage("Enter your email.").MaximumLength(256);
        RuleFor(input => input.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1024);
    }
}
