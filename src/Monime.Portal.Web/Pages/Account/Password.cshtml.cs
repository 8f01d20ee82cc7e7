using FluentValidation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Pages.Account;

/// <summary>
/// Changing the password renews the security stamp, so every other session of the account ends at its next
/// request; this one is signed in again with the new stamp.
/// </summary>
[Authorize]
public sealed class PasswordModel(
    UserManager<Monimeer> users, SignInManager<Monimeer> signIn, PortalDbContext db, AuditTrail audit) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code == "PasswordMismatch" ? "Input.CurrentPassword" : "Input.NewPassword";
                ModelState.AddModelError(field, error.Code == "PasswordMismatch"
                    ? "The current password is not right."
                    : error.Description);
            }

            return Page();
        }

        audit.Record(AuditActions.PasswordChanged, user.Id, user.OrganizationId,
            HttpContext.Connection.RemoteIpAddress?.ToString(), subjectUserId: user.Id);
        await db.SaveChangesAsync();
        await signIn.RefreshSignInAsync(user);
        Changed = true;
        return Page();
    }
}

public sealed record PasswordInput
{
    public string CurrentPassword { get; set; } = "";

    public string NewPassword { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public sealed class PasswordInputValidator : AbstractValidator<PasswordInput>
{
    public PasswordInputValidator()
    {
        RuleFor(input => input.CurrentPassword).NotEmpty().WithMessage("Enter your current password.");
        RuleFor(input => input.NewPassword).NotEmpty().WithMessage("Choose a new password.");
        RuleFor(input => input.ConfirmPassword)
            .Equal(input => input.NewPassword).WithMessage("The two passwords differ.");
    }
}
