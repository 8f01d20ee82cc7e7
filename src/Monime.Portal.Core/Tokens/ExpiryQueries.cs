using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;

namespace Monime.Portal.Tokens;

/// <summary>
/// Active tokens that expire soon. A rotated token in its grace period is left out: its end is the owner's
/// own choice, and its replacement is what matters.
/// </summary>
public sealed class ExpiryQueries(PortalDbContext db, TimeProvider clock)
{
    /// <summary>How far ahead the list, the dashboard and the first notice look.</summary>
    public static readonly TimeSpan WarningWindow = TimeSpan.FromDays(7);

    public Task<List<ExpiringToken>> ForOwnerAsync(string ownerId, CancellationToken cancellationToken = default) =>
        ExpiringWithinAsync(WarningWindow, ownerId, cancellationToken);

    public async Task<List<ExpiringToken>> ExpiringWithinAsync(
        TimeSpan window, string? ownerId = null, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var until = now + window;
        var rows = await db.AccessTokens.AsNoTracking()
            .Where(t => t.RevokedAt == null && t.ReplacedById == null && t.ExpiresAt > now && t.ExpiresAt <= until)
            .Where(t => ownerId == null || t.OwnerId == ownerId)
            .OrderBy(t => t.ExpiresAt)
            .Select(t => new { t.Id, t.Name, t.Mode, t.LookupId, t.OwnerId, OwnerEmail = t.Owner!.Email, t.ExpiresAt })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(t => new ExpiringToken(t.Id, t.Name, TokenFormat.Mask(t.Mode, t.LookupId), t.OwnerId,
            t.OwnerEmail, t.ExpiresAt!.Value))];
    }

    /// <summary>Whole days left, rounded up, so a token expiring in 30 hours reads "2 days".</summary>
    public static int DaysLeft(DateTimeOffset expiresAt, DateTimeOffset now) =>
        Math.Max(1, (int)Math.Ceiling((expiresAt - now).TotalDays));
}
