using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Spaces;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Developer;

public sealed class IndexModel(SpaceService spaces, PortalActorAccessor actors) : PageModel
{
    public IReadOnlyList<SpaceView> Spaces { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Spaces = await spaces.ListForMemberAsync(actors.Current.UserId, cancellationToken);
}
