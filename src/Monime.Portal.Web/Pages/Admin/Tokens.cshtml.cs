using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Admin;

/// <summary>Every token of the organisation, with its owner; an admin revokes any of them, with a reason.</summary>
public sealed class TokensModel(TokenService tokens, PortalActorAccessor actors) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public TokenStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public TokenMode? Mode { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public TokenPage Tokens { get; private set; } = new([], null);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Tokens = await tokens.ListAsync(actors.Current, new TokenListQuery(Status, Mode, Search, After),
            wholeOrganization: true, cancellationToken);

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, string? reason, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > TokenRules.MaxReasonLength)
        {
            Error = $"Give a reason for revoking the token (at most {TokenRules.MaxReasonLength} characters).";
            return RedirectToPage();
        }

        var result = await tokens.RevokeAsync(actors.Current, id, reason, cancellationToken);
        if (result == TokenChangeResult.NotFound)
        {
            return NotFound();
        }

        Message = result == TokenChangeResult.Changed ? "Token revoked. Calls with it are refused from now on."
            : "That token was already revoked.";
        return RedirectToPage();
    }
}
