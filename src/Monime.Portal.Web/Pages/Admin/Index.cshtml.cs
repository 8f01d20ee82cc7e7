using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Admin;

public sealed class IndexModel(MonimeerDirectory directory, PortalActorAccessor actors) : PageModel
{
    public IReadOnlyList<MonimeerEntry> People { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        People = await directory.ListAsync(actors.Current.OrganizationId, cancellationToken);
}
