using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Monime.Portal.Audit;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Monime.Portal.Web.Accounts;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Pages.Tokens;

/// <summary>
/// One token: every setting, its status and history, and the revoke and rotate actions. Anything the actor may
/// not see or change answers 404, so a stranger cannot even learn that a token id exists.
/// </summary>
public sealed class DetailsModel(
    TokenService tokens,
    AuditQueries auditQueries,
    UsageQueries usageQueries,
    SpaceService spaces,
    ApiEndpointCatalog catalog,
    PortalActorAccessor actors,
    TimeProvider clock) : PageModel
{
    private const int DefaultQuietMinutes = 60;

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public RotationGrace Grace { get; set; } = RotationGrace.OneDay;

    /// <summary>The permissions the narrowed replacement keeps, exactly as the offer showed them.</summary>
    [BindProperty]
    public List<string> Keep { get; set; } = [];

    /// <summary>How long the old token must have been silent before the page suggests ending its grace.</summary>
    [BindProperty(SupportsGet = true, Name = "quiet")]
    public int QuietMinutes { get; set; } = DefaultQuietMinutes;

    [BindProperty(SupportsGet = true, Name = "done")]
    public string? Done { get; set; }

    public AccessToken Token { get; private set; } = null!;

    public TokenStatus Status { get; private set; }

    public bool IsOwner { get; private set; }

    public bool CanRotate { get; private set; }

    public bool CanRevoke { get; private set; }

    public bool CanEndGrace { get; private set; }

    public bool InGrace { get; private set; }

    public string? SpaceName { get; private set; }

    public IReadOnlyList<AuditEvent> History { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public UsagePeriod Period { get; set; }

    public TokenUsageView? Usage { get; private set; }

    public RevealedSecret? Secret { get; private set; }

    public PermissionUsage? Privilege { get; private set; }

    public bool CanNarrow => CanRotate && Privilege is { CanNarrow: true };

    public GraceTraffic? Traffic { get; private set; }

    public bool SuggestEndingGrace =>
        CanEndGrace && Traffic is { } traffic && traffic.IsQuietFor(TimeSpan.FromMinutes(QuietMinutes));

    public string? ActionError { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, CancellationToken cancellationToken)
    {
        var trimmed = Reason?.Trim();
        if (trimmed?.Length > TokenRules.MaxReasonLength)
        {
            ModelState.AddModelError(nameof(Reason),
                $"Keep the reason within {TokenRules.MaxReasonLength} characters.");
        }
        else if (TextRules.HasControlOrBidiCharacters(trimmed))
        {
            ModelState.AddModelError(nameof(Reason),
                "The reason may not contain control or text-direction characters.");
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var outcome = await tokens.RevokeAsync(actors.Current, id, trimmed, cancellationToken);
        switch (outcome)
        {
            case TokenChangeResult.NotFound:
                return NotFound();
            case TokenChangeResult.Refused:
                ModelState.AddModelError(nameof(Reason), "Say why you revoke another Monimeer's token.");
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            default:
                return RedirectToPage("/Tokens/Details", new { id, done = "revoked" });
        }
    }

    public async Task<IActionResult> OnPostRotateAsync(Guid id, CancellationToken cancellationToken)
    {
        NoStore();
        if (!Enum.IsDefined(Grace))
        {
            ModelState.AddModelError(nameof(Grace), "Choose how long the old token keeps working.");
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await tokens.RotateAsync(actors.Current, id, Grace, cancellationToken: cancellationToken);
        if (result.Outcome == TokenChangeResult.NotFound)
        {
            return NotFound();
        }

        if (result is { Outcome: TokenChangeResult.Changed, Replacement: { } replacement, Issued: { } issued })
        {
            Secret = RevealedSecret.For(replacement.Id, replacement.Name, issued.Value, Request);
        }
        else
        {
            ActionError = result.Message ?? "The token could not be rotated.";
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    /// <summary>
    /// Least privilege in one step: a rotation whose replacement keeps only <see cref="Keep"/>; the token
    /// service refuses anything the old token did not hold, so a forged form cannot widen a token.
    /// </summary>
    public async Task<IActionResult> OnPostNarrowAsync(Guid id, CancellationToken cancellationToken)
    {
        NoStore();
        if (!Enum.IsDefined(Grace))
        {
            ModelState.AddModelError(nameof(Grace), "Choose how long the old token keeps working.");
        }

        if (Keep.Count == 0)
        {
            ModelState.AddModelError(nameof(Keep), "A replacement must keep at least one permission.");
        }

        if (!ModelState.IsValid)
        {
            return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
        }

        var result = await tokens.RotateAsync(actors.Current, id, Grace, [.. Keep.Distinct(StringComparer.Ordinal)],
            cancellationToken);
        if (result.Outcome == TokenChangeResult.NotFound)
        {
            return NotFound();
        }

        if (result is { Outcome: TokenChangeResult.Changed, Replacement: { } replacement, Issued: { } issued })
        {
            Secret = RevealedSecret.For(replacement.Id, replacement.Name, issued.Value, Request);
        }
        else
        {
            ActionError = result.Message ?? "The token could not be replaced.";
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEndGraceAsync(Guid id, CancellationToken cancellationToken)
    {
        var outcome = await tokens.EndGraceAsync(actors.Current, id, cancellationToken);
        return outcome == TokenChangeResult.NotFound
            ? NotFound()
            : RedirectToPage("/Tokens/Details", new { id, done = "ended" });
    }

    public string ActorLabel(string? actorId) =>
        actorId is null ? "An API call"
        : actorId == actors.Current.UserId ? "You"
        : actorId == Token.OwnerId ? Token.Owner?.Email ?? "The owner"
        : "An administrator";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = actors.Current;
        var token = await tokens.FindVisibleAsync(actor, id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        Token = token;
        Status = token.StatusAt(now);
        IsOwner = token.OwnerId == actor.UserId;
        CanRotate = IsOwner && Status == TokenStatus.Active && token.ReplacedById is null;
        CanRevoke = (IsOwner || actor.IsAdmin) && token.RevokedAt is null;
        InGrace = token.IsInGracePeriod(now);
        CanEndGrace = IsOwner && InGrace;
        QuietMinutes = Math.Clamp(QuietMinutes, 1, 7 * 24 * 60);
        History = await auditQueries.ForTokenAsync(token.Id, cancellationToken: cancellationToken);
        Privilege = await usageQueries.PermissionUsageAsync(token, catalog.PermissionByEndpoint, cancellationToken);
        Traffic = InGrace ? await usageQueries.GraceTrafficAsync(token, cancellationToken) : null;
        Usage = await usageQueries.ForTokenAsync(actor, token.Id, Period, cancellationToken);
        if (token.WhitelistedSpaceId is { } spaceId)
        {
            var memberOf = await spaces.ListForMemberAsync(token.OwnerId, cancellationToken);
            SpaceName = memberOf.FirstOrDefault(space => space.Id == spaceId)?.Name;
        }

        return true;
    }

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store, max-age=0";
        Response.Headers.Pragma = "no-cache";
    }
}
