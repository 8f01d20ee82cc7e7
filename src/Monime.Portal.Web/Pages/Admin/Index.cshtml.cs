using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Spaces;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Admin;

/// <summary>The Monimeers of the organisation: portal roles, Space memberships and whether they may sign in.</summary>
public sealed class IndexModel(
    MonimeerDirectory directory, MonimeerAdministration administration, PortalActorAccessor actors) : PageModel
{
    public IReadOnlyList<MonimeerEntry> People { get; private set; } = [];

    public IReadOnlyList<SpaceOption> Spaces { get; private set; } = [];

    public string CurrentUserId => actors.Current.UserId;

    [TempData]
    public string? Message { get; set; }

    [TempData]
    public string? Error { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        People = await directory.ListAsync(actors.Current.OrganizationId, cancellationToken);
        Spaces = await administration.SpacesAsync(actors.Current, cancellationToken);
    }

    public async Task<IActionResult> OnPostRolesAsync(
        string userId, bool admin, bool ops, CancellationToken cancellationToken) =>
        Outcome(await administration.SetRolesAsync(actors.Current, userId, admin, ops, cancellationToken),
            "Portal roles saved. The change applies from the person's next request.");

    public async Task<IActionResult> OnPostDisableAsync(string userId, CancellationToken cancellationToken) =>
        Outcome(await administration.SetDisabledAsync(actors.Current, userId, disabled: true, cancellationToken),
            "Account disabled. Its sessions end at once.");

    public async Task<IActionResult> OnPostEnableAsync(string userId, CancellationToken cancellationToken) =>
        Outcome(await administration.SetDisabledAsync(actors.Current, userId, disabled: false, cancellationToken),
            "Account enabled.");

    public async Task<IActionResult> OnPostMembershipAsync(
        string userId, string spaceId, SpaceRole role, CancellationToken cancellationToken) =>
        Outcome(await administration.SetMembershipAsync(actors.Current, userId, spaceId, role, cancellationToken),
            "Space membership saved.");

    public async Task<IActionResult> OnPostRemoveMembershipAsync(
        string userId, string spaceId, CancellationToken cancellationToken) =>
        Outcome(await administration.RemoveMembershipAsync(actors.Current, userId, spaceId, cancellationToken),
            "Removed from the Space.");

    private IActionResult Outcome(AdministrationResult result, string changed)
    {
        switch (result.Outcome)
        {
            case AdministrationOutcome.NotFound:
                return NotFound();
            case AdministrationOutcome.Refused:
                Error = result.Message;
                break;
            case AdministrationOutcome.Changed:
                Message = changed;
                break;
            default:
                Message = "Nothing to change.";
                break;
        }

        return RedirectToPage();
    }
}
