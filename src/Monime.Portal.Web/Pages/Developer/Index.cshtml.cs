using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Developer;

public sealed class IndexModel(
    SpaceService spaces, ExpiryQueries expiry, PortalActorAccessor actors, TimeProvider clock) : PageModel
{
    public IReadOnlyList<SpaceView> Spaces { get; private set; } = [];

    /// <summary>The signed-in person's own tokens that expire within the warning window.</summary>
    public IReadOnlyList<ExpiringToken> Expiring { get; private set; } = [];

    public DateTimeOffset Now { get; } = clock.GetUtcNow();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Spaces = await spaces.ListForMemberAsync(actors.Current.UserId, cancellationToken);
        Expiring = await expiry.ForOwnerAsync(actors.Current.UserId, cancellationToken);
    }
}
