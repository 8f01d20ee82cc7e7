using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Usage;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Usage;

/// <summary>
/// One token's usage. Owners see their own tokens, admins and ops those of their organisation; anyone else gets
/// the same 404 as for a token that does not exist, so ids cannot be probed.
/// </summary>
public sealed class TokenModel(UsageQueries usage, PortalActorAccessor actors) : PageModel
{
    public TokenUsageView? Usage { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, UsagePeriod period, CancellationToken cancellationToken)
    {
        Usage = await usage.ForTokenAsync(actors.Current, id, period, cancellationToken);
        return Usage is null ? NotFound() : Page();
    }
}
