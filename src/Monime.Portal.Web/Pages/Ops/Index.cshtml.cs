using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Accounts;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Ops;

/// <summary>Usage across the organisation. Read-only: GET handlers only, so there is nothing to post.</summary>
public sealed class IndexModel(
    UsageQueries usage, MonimeerAdministration administration, PortalActorAccessor actors, TimeProvider clock)
    : PageModel
{
    [BindProperty(SupportsGet = true)]
    public UsagePeriod Period { get; set; } = UsagePeriod.Last7Days;

    [BindProperty(SupportsGet = true)]
    public TokenMode? Mode { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Space { get; set; }

    public OrganizationUsageView? Usage { get; private set; }

    public IReadOnlyList<SpaceOption> Spaces { get; private set; } = [];

    public UsageFilter Filter => new(Period, Mode, string.IsNullOrWhiteSpace(Space) ? null : Space.Trim());

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Usage = await usage.ForOrganizationAsync(actors.Current, Filter, cancellationToken);
        Spaces = await administration.SpacesAsync(actors.Current, cancellationToken);
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var csv = await usage.ExportCsvAsync(actors.Current, Filter, cancellationToken);
        var day = clock.GetUtcNow().UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

        // The name is built from an enum and a date only, never from input, so it needs no escaping.
        var name = $"monime-usage-{Period.ToString().ToLowerInvariant()}-{day}.csv";
        return File(Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", name);
    }
}
