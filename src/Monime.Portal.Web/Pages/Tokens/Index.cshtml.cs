using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;

namespace Monime.Portal.Web.Pages.Tokens;

public sealed class IndexModel(TokenService tokens, PortalActorAccessor actors, TimeProvider clock) : PageModel
{
    private readonly DateTimeOffset _now = clock.GetUtcNow();

    /// <summary>Days left for an active token that expires within the warning window; null otherwise.</summary>
    public int? ExpiresSoon(TokenRow row) =>
        row is { Status: TokenStatus.Active, InGracePeriod: false, ExpiresAt: { } expiresAt }
        && expiresAt - _now <= ExpiryQueries.WarningWindow
            ? ExpiryQueries.DaysLeft(expiresAt, _now)
            : null;

    private const int MaxSearchLength = 100;

    [BindProperty(SupportsGet = true)]
    public TokenStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public TokenMode? Mode { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? After { get; set; }

    /// <summary>Admins and ops may list every token of their organisation instead of their own.</summary>
    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    public TokenPage Result { get; private set; } = new([], null);

    public bool ReadsOrganization { get; private set; }

    public bool WholeOrganization => ReadsOrganization && Scope == "organization";

    public bool IsFiltered => Status is not null || Mode is not null || !string.IsNullOrWhiteSpace(Search);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        ReadsOrganization = actor.ReadsOrganization;
        if (Search is { Length: > MaxSearchLength })
        {
            Search = Search[..MaxSearchLength];
        }

        Result = await tokens.ListAsync(actor, new TokenListQuery(Status, Mode, Search, After), WholeOrganization,
            cancellationToken);
    }

    /// <summary>The current filters plus <paramref name="after"/>, for the next-page link.</summary>
    public Dictionary<string, string> RouteWith(string? after)
    {
        var values = new Dictionary<string, string>();
        void Put(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                values[key] = value;
            }
        }

        Put("status", Status?.ToString());
        Put("mode", Mode?.ToString());
        Put("q", Search);
        Put("scope", WholeOrganization ? "organization" : null);
        Put("after", after);
        return values;
    }
}
