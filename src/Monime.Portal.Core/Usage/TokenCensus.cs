using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

namespace Monime.Portal.Usage;

/// <summary>How many tokens an organisation holds, by mode and status.</summary>
public sealed class TokenCensus(PortalDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<TokenCount>> CountAsync(Guid organizationId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var counts = await db.AccessTokens
            .Where(t => t.OrganizationId == organizationId)
            .GroupBy(t => new
            {
                t.Mode,
                Status = t.RevokedAt != null ? TokenStatus.Revoked
                    : t.ExpiresAt != null && t.ExpiresAt <= now ? TokenStatus.Expired
                    : TokenStatus.Active,
            })
            .Select(g => new TokenCount(g.Key.Mode, g.Key.Status, g.Count()))
            .ToListAsync(cancellationToken);
        return [.. counts.OrderBy(c => c.Mode).ThenBy(c => c.Status)];
    }
}
