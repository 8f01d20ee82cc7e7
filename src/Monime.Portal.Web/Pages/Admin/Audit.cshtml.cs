using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Audit;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Admin;

/// <summary>The organisation's audit log, newest first, filtered by actor, token, action and period.</summary>
public sealed class AuditModel(AuditLog log, PortalActorAccessor actors) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? Token { get; set; }

    // "action" is a reserved route value name, so the query string calls it "type".
    [BindProperty(SupportsGet = true, Name = "type")]
    public string? ActionName { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public AuditPage Events { get; private set; } = new([], 1, false);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Events = await log.SearchAsync(actors.Current.OrganizationId,
            new AuditQuery(Actor, Token, ActionName, From, To, PageNumber), cancellationToken);
}
