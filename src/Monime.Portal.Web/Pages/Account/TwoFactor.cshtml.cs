using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;
using Monime.Portal.Web.Accounts;
using QRCoder;

namespace Monime.Portal.Web.Pages.Account;

/// <summary>Turns TOTP two-factor sign-in on or off for the signed-in Monimeer.</summary>
[Authorize]
public sealed class TwoFactorModel(
    UserManager<Monimeer> users, SignInManager<Monimeer> signIn, IOptions<AccountSecurityOptions> security)
    : PageModel
{
    public bool Enabled { get; private set; }

    public bool Required { get; private set; }

    /// <summary>False until the Monimeer asks to set up an authenticator; only then is a key made.</summary>
    public bool HasKey { get; private set; }

    public string SharedKey { get; private set; } = "";

    public string QrCodeDataUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ? Page() : Challenge();

    /// <summary>
    /// Makes the authenticator key. This is a POST, not part of showing the page, because a new key changes the
    /// security stamp and so ends the Monimeer's other sessions: a link or a prefetch must not be able to do that.
    /// </summary>
    public async Task<IActionResult> OnPostSetupAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(await users.GetAuthenticatorKeyAsync(user)))
        {
            // The new stamp would end this very session too: sign in afresh.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var digits = (code ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        var valid = await users.VerifyTwoFactorTokenAsync(
            user, users.Options.Tokens.AuthenticatorTokenProvider, digits);
        if (!valid)
        {
            ModelState.AddModelError(string.Empty,
                "That code is not right. Check the time on your device and try again.");
            await LoadAsync();
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 8) ?? []];
        await signIn.RefreshSignInAsync(user);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        if (!IsRequiredFor())
        {
            await users.SetTwoFactorEnabledAsync(user, false);
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
        }

        return RedirectToPage();
    }

    private async Task<bool> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return false;
        }

        Enabled = await users.GetTwoFactorEnabledAsync(user);
        Required = IsRequiredFor();
        if (Enabled)
        {
            return true;
        }

        var key = await users.GetAuthenticatorKeyAsync(user);
        HasKey = !string.IsNullOrEmpty(key);
        if (!HasKey)
        {
            return true;
        }

        SharedKey = FormatKey(key!);
        var uri = string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/Monime:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Monime&digits=6");
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
        var png = new PngByteQRCode(data).GetGraphic(5);
        QrCodeDataUri = "data:image/png;base64," + Convert.ToBase64String(png);

        // The page holds the authenticator key; keep it out of every cache.
        Response.Headers.CacheControl = "no-store";
        return true;
    }

    private bool IsRequiredFor() => security.Value.RequireTwoFactorForAdmins && User.IsInRole(PortalRoles.Admin);

    private static string FormatKey(string key)
    {
        var grouped = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            grouped.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return grouped.ToString().TrimEnd().ToLowerInvariant();
    }
}
