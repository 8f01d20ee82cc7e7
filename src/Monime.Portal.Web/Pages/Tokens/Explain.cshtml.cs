using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Accounts;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Pages.Tokens;

/// <summary>
/// "Why was I refused?": for a Space, an endpoint and an address, every check the API makes on this token, in
/// its order, judged by the same <see cref="AccessPolicy"/> the API uses. Only people who may see the token (its
/// owner, admins and ops of its organisation) reach the page, so showing its whitelists reveals nothing new.
/// A GET form: nothing secret is typed in, and a refusal can link straight to its explanation.
/// </summary>
public sealed class ExplainModel(
    TokenService tokens,
    SpaceService spaces,
    ApiEndpointCatalog catalog,
    PortalActorAccessor actors,
    TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Space { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Endpoint { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Ip { get; set; }

    /// <summary>The reason the API gave, when the page was opened from a recorded refusal.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Reason { get; set; }

    public AccessToken Token { get; private set; } = null!;

    public IReadOnlyList<SpaceView> OwnerSpaces { get; private set; } = [];

    public IReadOnlyList<ApiEndpointInfo> Endpoints => catalog.All;

    public AccessEvaluation? Evaluation { get; private set; }

    public string? InputProblem { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var token = await tokens.FindVisibleAsync(actors.Current, id, cancellationToken);
        if (token is null)
        {
            return NotFound();
        }

        Token = token;
        OwnerSpaces = await spaces.ListForMemberAsync(token.OwnerId, cancellationToken);
        Space = string.IsNullOrWhiteSpace(Space) ? null : Space.Trim();
        Ip = string.IsNullOrWhiteSpace(Ip) ? null : Ip.Trim();
        if (Endpoint is null)
        {
            return Page();
        }

        var endpoint = catalog.Find(Endpoint);
        var address = (IPAddress?)null;
        if (endpoint is null)
        {
            InputProblem = "Choose one of the API's endpoints.";
        }
        else if (Ip is not null && !IPAddress.TryParse(Ip, out address))
        {
            InputProblem = $"'{Ip}' is not an IP address.";
        }
        else
        {
            address = address is { IsIPv4MappedToIPv6: true } mapped ? mapped.MapToIPv4() : address;
            var role = OwnerSpaces.FirstOrDefault(space => string.Equals(space.Id, Space, StringComparison.Ordinal))
                ?.Role;
            Evaluation = AccessPolicy.Evaluate(new AccessRequest(VerifiedToken.From(token), clock.GetUtcNow(),
                endpoint.Permission, endpoint.SpaceScoped, Space, role, address));
        }

        return Page();
    }
}
