using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;

namespace Monime.Portal.Audit;

/// <summary>Reads the audit log; writing goes through <see cref="AuditTrail"/> with the change it describes.</summary>
public sealed class AuditQueries(PortalDbContext db)
{
    /// <summary>A token's history, newest first; served by the (token, occurred-at) index.</summary>
    public async Task<IReadOnlyList<AuditEvent>> ForTokenAsync(
        Guid tokenId, int limit = 100, CancellationToken cancellationToken = default) =>
        await db.AuditEvents.AsNoTracking()
            .Where(e => e.TokenId == tokenId)
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
}
