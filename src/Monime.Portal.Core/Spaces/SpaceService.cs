using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;

namespace Monime.Portal.Spaces;

public sealed class SpaceService(PortalDbContext db)
{
    /// <summary>The Spaces a Monimeer belongs to, with their role in each, by name.</summary>
    public async Task<IReadOnlyList<SpaceView>> ListForMemberAsync(
        string monimeerId, CancellationToken cancellationToken = default) =>
        await db.SpaceMemberships
            .Where(m => m.MonimeerId == monimeerId)
            .OrderBy(m => m.Space!.Name).ThenBy(m => m.SpaceId)
            .Select(m => new SpaceView(m.SpaceId, m.Space!.Name, m.Role, m.Space.CreatedAt))
            .ToListAsync(cancellationToken);

    public Task<SpaceRole?> RoleOfAsync(string monimeerId, string spaceId, CancellationToken cancellationToken = default) =>
        db.SpaceMemberships
            .Where(m => m.MonimeerId == monimeerId && m.SpaceId == spaceId)
            .Select(m => (SpaceRole?)m.Role)
            .FirstOrDefaultAsync(cancellationToken);
}
