using System.Security.Cryptography;
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
    SignInManager<Monimeer> signIn, SignInRecorder recorder, FailedPasswordCounter failures, PortalDbContext db,
    AuditTrail audit, ILogger<LoginModel> logger) : PageModel
{
    private static string? s_standInHash;

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
            await FailLikeAnAccountAsync(ip);
            AccountLog.SignInFailed(logger, null);
            ModelState.AddModelError(string.Empty, "Email or password is incorrect.");
            return Page();
        }

        // Failures are counted by FailedPasswordCounter, not by Identity: see there why.
        var result = user.DisabledAt is null
            ? await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false)
            : await RefuseDisabledAsync(user);
        if (result is { Succeeded: false, IsLockedOut: false, IsNotAllowed: false, RequiresTwoFactor: false }
            && await failures.CountAsync(user.Id))
        {
            result = Microsoft.AspNetCore.Identity.SignInResult.LockedOut;
        }

        if (result.Succeeded)
        {
            await recorder.SucceededAsync(user, ip);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/Developer");
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("./LoginWith2fa", new { ReturnUrl });
        }

        await recorder.FailedAsync(user, result, ip);
        if (result.IsLockedOut)
        {
            return RedirectToPage("./Lockout");
        }

        ModelState.AddModelError(string.Empty, "Email or password is incorrect.");
        return Page();
    }

    /// <summary>
    /// Refuses a disabled account after the same password check as any other, so that its refusal takes as long
    /// as a wrong password's and does not tell which accounts were disabled. The check's answer is not used.
    /// </summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> RefuseDisabledAsync(Monimeer user)
    {
        var check = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: false);
        if (check is { Succeeded: false, IsLockedOut: false })
        {
            await failures.CountAsync(user.Id);
        }

        return Microsoft.AspNetCore.Identity.SignInResult.NotAllowed;
    }

    /// <summary>
    /// Spends what a known account's wrong password costs, so that timing does not tell which emails have
    /// accounts: the same password check against a stand-in that exists nowhere (hash verification), the same
    /// failure count (its update finds no row), then the same audit write.
    /// </summary>
    private async Task FailLikeAnAccountAsync(string? ip)
    {
        var standIn = new Monimeer
        {
            DisplayName = "",
            UserName = Input.Email.Trim(),
            Email = Input.Email.Trim(),
            EmailConfirmed = true,
            LockoutEnabled = true,
            PasswordHash = StandInHash(signIn.UserManager.PasswordHasher),
        };
        await signIn.CheckPasswordSignInAsync(standIn, Input.Password, lockoutOnFailure: false);
        await failures.CountAsync(standIn.Id);
        audit.Record(AuditActions.SignInFailed, null, null, ip);
        await db.SaveChangesAsync();
    }

    // A hash made with the current parameters, once per process, so that verifying against it costs what
    // verifying a real account's hash does. Its password is random and forgotten.
    private static string StandInHash(IPasswordHasher<Monimeer> hasher) =>
        LazyInitializer.EnsureInitialized(ref s_standInHash, () => hasher.HashPassword(
            new Monimeer { DisplayName = "" }, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
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
