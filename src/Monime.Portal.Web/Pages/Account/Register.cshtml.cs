using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Monime.Portal.Accounts;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Account;

[EnableRateLimiting(SignInThrottling.Policy)]
public sealed class RegisterModel(
    AccountService accounts, SignInManager<Monimeer> signIn, ILogger<RegisterModel> logger) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var (result, user) = await accounts.SignUpAsync(Input.Email, Input.DisplayName, Input.Password,
            HttpContext.Connection.RemoteIpAddress?.ToString(), cancellationToken);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? "Input.Password"
                    : error.Code.Contains("Email", StringComparison.Ordinal) || error.Code.Contains("UserName", StringComparison.Ordinal)
                        ? "Input.Email"
                        : string.Empty;
                ModelState.AddModelError(field, error.Code is "DuplicateUserName" or "DuplicateEmail"
                    ? "An account with this email exists already; sign in instead."
                    : error.Description);
            }

            return Page();
        }

        AccountLog.SignedUp(logger, user!.Id);
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage("/Developer/Index");
    }
}

public sealed record RegisterInput
{
    public string DisplayName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Password { get; set; } = "";

    public string ConfirmPassword { get; set; } = "";
}

public sealed class RegisterInputValidator : AbstractValidator<RegisterInput>
{
    public RegisterInputValidator()
    {
        RuleFor(input => input.DisplayName)
            .Must(name => !string.IsNullOrWhiteSpace(name)).WithMessage("Enter your name.")
            .MaximumLength(100).WithMessage("Keep your name within 100 characters.")
            .Must(name => !TextRules.HasControlOrBidiCharacters(name))
            .WithMessage("Your name may not contain control or text-direction characters.");
        RuleFor(input => input.Email)
            .NotEmpty().WithMessage("Enter your email.")
            .MaximumLength(256).WithMessage("Keep the email within 256 characters.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(input => input.Password).NotEmpty().WithMessage("Choose a password.");
        RuleFor(input => input.ConfirmPassword)
            .Equal(input => input.Password).WithMessage("The two passwords differ.");
    }
}
