using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;

namespace Monime.Portal.Accounts;

/// <summary>The Monimeers of an organisation with their portal roles and Space memberships, for admins.</summary>
public sealed class MonimeerDirectory(PortalDbContext db)
{
    public async Task<IReadOnlyList<MonimeerEntry>> ListAsync(
        Guid organizationId, CancellationToken cancellationToken = default)
    {
        var people = await db.Users
            .Where(u => u.OrganizationId == organizationId)
            .OrderBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.DisabledAt, u.LockoutEnd })
            .ToListAsync(cancellationToken);
        var ids = people.Select(p => p.Id).ToList();

        var roles = await (
                from userRole in db.UserRoles
                join role in db.Roles on userRole.RoleId equals role.Id
                where ids.Contains(userRole.UserId)
                select new { userRole.UserId, role.Name })
            .ToListAsync(cancellationToken);
        var memberships = await db.SpaceMemberships
            .Where(m => ids.Contains(m.MonimeerId))
            .Select(m => new { m.MonimeerId, m.SpaceId, SpaceName = m.Space!.Name, m.Role })
            .ToListAsync(cancellationToken);

        return people.Select(p => new MonimeerEntry(
                p.Id, p.Email ?? "", p.DisplayName, p.DisabledAt is not null,
                [.. roles.Where(r => r.UserId == p.Id).Select(r => r.Name!).Order()],
                [.. memberships.Where(m => m.MonimeerId == p.Id)
                    .Select(m => new MembershipEntry(m.SpaceId, m.SpaceName, m.Role))]))
            .ToList();
    }
}
