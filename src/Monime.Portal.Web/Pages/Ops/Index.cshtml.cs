using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Usage;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Ops;

public sealed class IndexModel(TokenCensus census, PortalActorAccessor actors) : PageModel
{
    public IReadOnlyList<TokenCount> Counts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Counts = await census.CountAsync(actors.Current.OrganizationId, cancellationToken);
}
