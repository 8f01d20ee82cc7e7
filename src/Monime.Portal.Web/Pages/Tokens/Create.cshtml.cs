using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Tokens;

/// <summary>
/// The full-screen create dialog. It is a real page, so it works without JavaScript; the successful POST
/// answers with the secret itself instead of redirecting, because a redirect would have to carry it somewhere.
/// </summary>
public sealed partial class CreateModel(
    TokenService tokens, SpaceService spaces, PortalActorAccessor actors, SignInManager<Monimeer> signIn)
    : PageModel
{
    /// <summary>
    /// Said for a custom date the binder could not read: its own message names the property and echoes the
    /// input, where this one says what to send. A time or a time zone is refused, not converted, because the
    /// day is always a UTC day (<see cref="CreateTokenInput.CustomExpiresOn"/>).
    /// </summary>
    public const string CustomDateFormatMessage =
        "Enter the last day as a date, YYYY-MM-DD, with no time or time zone.";

    [BindProperty]
    public CreateTokenInput Input { get; set; } = new();

    /// <summary>Asked again before a live token that never expires: the riskiest token there is.</summary>
    [BindProperty]
    public string? CurrentPassword { get; set; }

    public IReadOnlyList<SpaceView> Spaces { get; private set; } = [];

    public RevealedSecret? Secret { get; private set; }

    public Guid? AlreadyCreatedId { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NoStore();
        Input = new CreateTokenInput { Nonce = Guid.NewGuid() };
        Spaces = await spaces.ListForMemberAsync(actors.Current.UserId, cancellationToken);
    }

    private async Task<bool> ReauthenticatedAsync()
    {
        var user = await signIn.UserManager.GetUserAsync(User);
        if (user is null || string.IsNullOrEmpty(CurrentPassword))
        {
            return false;
        }

        // Failures count toward lockout, so this field cannot be used to guess the password either.
        var check = await signIn.CheckPasswordSignInAsync(user, CurrentPassword, lockoutOnFailure: true);
        return check.Succeeded;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        NoStore();
        try
        {
            return await SubmitAsync(cancellationToken);
        }
        catch (Exception exception) when (DatabaseFailures.IsDatabaseFailure(exception))
        {
            // The connection dropped and the retries gave up, perhaps after the commit had been sent, so the
            // token may or may not exist. The form comes back with the same nonce: sending it again creates the
            // token if it is missing and finds it if it is there, never a second one.
            return DatabaseUnavailable();
        }
    }

    private async Task<IActionResult> SubmitAsync(CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        Spaces = await spaces.ListForMemberAsync(actor.UserId, cancellationToken);
        if (!ModelState.IsValid)
        {
            ExplainUnreadableDate();
            return Refused();
        }

        if (Input is { Mode: TokenMode.Live, Expiry: TokenExpiry.None } && !await ReauthenticatedAsync())
        {
            ModelState.AddModelError(nameof(CurrentPassword),
                "Enter your password again to create a live token that never expires.");
            return Refused();
        }

        var result = await tokens.CreateAsync(actor, Input, cancellationToken);
        switch (result)
        {
            case CreateTokenResult.Created created:
                Secret = RevealedSecret.For(created.Token.Id, created.Token.Name, created.Issued.Value, Request);
                break;
            case CreateTokenResult.AlreadyCreated earlier:
                AlreadyCreatedId = earlier.Token.Id;
                break;
            case CreateTokenResult.Invalid invalid:
                foreach (var error in invalid.Errors)
                {
                    ModelState.AddModelError(FieldKey(error.PropertyName), error.ErrorMessage);
                }

                break;
        }

        return ModelState.IsValid ? Page() : Refused();
    }

    private PageResult DatabaseUnavailable()
    {
        ModelState.AddModelError("",
            "The database did not answer. Submit the form again: it creates the token only once.");
        Response.StatusCode = StatusCodes.Status503ServiceUnavailable;

        // When even the Spaces could not be read, the chosen one is still offered, under its id: a form sent
        // again without it would make a token usable in every Space, wider than the one asked for.
        if (Spaces.Count == 0 && !string.IsNullOrEmpty(Input.WhitelistedSpaceId))
        {
            Spaces = [new SpaceView(Input.WhitelistedSpaceId, Input.WhitelistedSpaceId, SpaceRole.Viewer, default)];
        }

        return Page();
    }

    // A refused form is re-rendered with each message beside its field, under a 400 so programs and tests
    // see the refusal too.
    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private void ExplainUnreadableDate()
    {
        if (ModelState.TryGetValue($"{nameof(Input)}.{nameof(Input.CustomExpiresOn)}", out var date)
            && date.Errors.Count > 0)
        {
            date.Errors.Clear();
            date.Errors.Add(CustomDateFormatMessage);
        }
    }

    /// <summary>"Permissions[2]" becomes "Input.Permissions", so the message sits beside the whole field.</summary>
    public static string FieldKey(string propertyName) =>
        "Input." + CollectionIndex().Replace(propertyName, "");

    // The form, and above all the secret, must never be served from a cache or replayed by Back.
    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store, max-age=0";
        Response.Headers.Pragma = "no-cache";
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex CollectionIndex();
}
