using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;

namespace Monime.Portal.Accounts;

/// <summary>
/// What an admin may change about the Monimeers of their own organisation: portal roles, Space memberships, and
/// whether the account may sign in. Each change renews the person's security stamp where it alters their access,
/// so the session they hold is re-checked on its next request, and writes its audit event in the same transaction.
/// A change of the account's state or of a Space membership also alters what the person's API tokens may do, so
/// it is saved as a change of each of those tokens, like a revocation (<see cref="SaveAccessChangeAsync"/>).
/// </summary>
public sealed class MonimeerAdministration(
    PortalDbContext db, UserManager<Monimeer> users, RoleManager<IdentityRole> roles, AuditTrail audit,
    IEnumerable<ITokenChangeNotifier> tokenChanges, TimeProvider clock, ILogger<MonimeerAdministration> logger)
{
    public async Task<AdministrationResult> SetRolesAsync(
        PortalActor actor, string userId, bool admin, bool ops, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return AdministrationResult.NotFound;
        }

        if (user.Id == actor.UserId && !admin)
        {
            return Refuse(actor, user.Id, "You cannot remove your own Admin role.");
        }

        var held = await users.GetRolesAsync(user);
        var wanted = new List<string>();
        if (admin)
        {
            wanted.Add(PortalRoles.Admin);
        }

        if (ops)
        {
            wanted.Add(PortalRoles.Ops);
        }

        var adding = wanted.Except(held).ToList();
        var removing = held.Intersect(PortalRoles.All).Except(wanted).ToList();
        if (adding.Count == 0 && removing.Count == 0)
        {
            return AdministrationResult.Unchanged;
        }

        var summary = wanted.Count == 0 ? "Developer" : string.Join(", ", wanted);
        await InTransactionAsync(async () =>
        {
            foreach (var role in adding)
            {
                if (!await roles.RoleExistsAsync(role))
                {
                    Check(await roles.CreateAsync(new IdentityRole(role)));
                }
            }

            audit.Record(AuditActions.RolesChanged, actor.UserId, actor.OrganizationId, actor.Ip,
                subjectUserId: user.Id, detail: $"Portal roles: {summary}");
            Check(await users.AddToRolesAsync(user, adding));
            Check(await users.RemoveFromRolesAsync(user, removing));
            Check(await users.UpdateSecurityStampAsync(user));
        }, cancellationToken);
        AdministrationLog.RolesChanged(logger, user.Id, summary, actor.UserId);
        return AdministrationResult.Changed;
    }

    public async Task<AdministrationResult> SetDisabledAsync(
        PortalActor actor, string userId, bool disabled, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return AdministrationResult.NotFound;
        }

        if (user.Id == actor.UserId)
        {
            return Refuse(actor, user.Id, "You cannot disable or enable your own account.");
        }

        if ((user.DisabledAt is not null) == disabled)
        {
            return AdministrationResult.Unchanged;
        }

        user.DisabledAt = disabled ? clock.GetUtcNow() : null;
        audit.Record(disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled, actor.UserId,
            actor.OrganizationId, actor.Ip, subjectUserId: user.Id);

        // UpdateSecurityStampAsync saves the user, and with it the audit event, in one SaveChanges.
        await SaveAccessChangeAsync(user.Id, async () => Check(await users.UpdateSecurityStampAsync(user)),
            cancellationToken);
        if (disabled)
        {
            AdministrationLog.Disabled(logger, user.Id, actor.UserId);
        }
        else
        {
            AdministrationLog.Enabled(logger, user.Id, actor.UserId);
        }

        return AdministrationResult.Changed;
    }

    /// <summary>Adds the Monimeer to a Space of the organisation, or changes the role they hold there.</summary>
    public async Task<AdministrationResult> SetMembershipAsync(
        PortalActor actor, string userId, string spaceId, SpaceRole role, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(actor, userId, cancellationToken);
        var space = await db.Spaces.FirstOrDefaultAsync(
            s => s.Id == spaceId && s.OrganizationId == actor.OrganizationId, cancellationToken);
        if (user is null || space is null || !Enum.IsDefined(role))
        {
            return AdministrationResult.NotFound;
        }

        var membership = await db.SpaceMemberships.FirstOrDefaultAsync(
            m => m.MonimeerId == user.Id && m.SpaceId == space.Id, cancellationToken);
        if (membership?.Role == role)
        {
            return AdministrationResult.Unchanged;
        }

        var detail = membership is null ? $"Added to {space.Name} ({space.Id}) as {role}"
            : $"Role in {space.Name} ({space.Id}) changed from {membership.Role} to {role}";
        if (membership is null)
        {
            db.SpaceMemberships.Add(new SpaceMembership
            {
                SpaceId = space.Id,
                MonimeerId = user.Id,
                Role = role,
                CreatedAt = clock.GetUtcNow(),
            });
        }
        else
        {
            membership.Role = role;
        }

        audit.Record(AuditActions.MembershipChanged, actor.UserId, actor.OrganizationId, actor.Ip,
            subjectUserId: user.Id, detail: detail);
        await SaveAccessChangeAsync(user.Id, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        AdministrationLog.MembershipSet(logger, user.Id, space.Id, role, actor.UserId);
        return AdministrationResult.Changed;
    }

    public async Task<AdministrationResult> RemoveMembershipAsync(
        PortalActor actor, string userId, string spaceId, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(actor, userId, cancellationToken);
        if (user is null)
        {
            return AdministrationResult.NotFound;
        }

        var membership = await db.SpaceMemberships.Include(m => m.Space).FirstOrDefaultAsync(
            m => m.MonimeerId == user.Id && m.SpaceId == spaceId && m.Space!.OrganizationId == actor.OrganizationId,
            cancellationToken);
        if (membership is null)
        {
            return AdministrationResult.NotFound;
        }

        db.SpaceMemberships.Remove(membership);
        audit.Record(AuditActions.MembershipChanged, actor.UserId, actor.OrganizationId, actor.Ip,
            subjectUserId: user.Id, detail: $"Removed from {membership.Space!.Name} ({membership.SpaceId})");
        await SaveAccessChangeAsync(user.Id, () => db.SaveChangesAsync(cancellationToken), cancellationToken);
        AdministrationLog.MembershipRemoved(logger, user.Id, membership.SpaceId, actor.UserId);
        return AdministrationResult.Changed;
    }

    /// <summary>The Spaces of the admin's organisation, for the membership form.</summary>
    public async Task<IReadOnlyList<SpaceOption>> SpacesAsync(
        PortalActor actor, CancellationToken cancellationToken = default) =>
        await db.Spaces.AsNoTracking()
            .Where(s => s.OrganizationId == actor.OrganizationId)
            .OrderBy(s => s.Name).ThenBy(s => s.Id)
            .Select(s => new SpaceOption(s.Id, s.Name))
            .ToListAsync(cancellationToken);

    // Only admins change anything, and only within their organisation: an id from elsewhere is simply not found.
    private Task<Monimeer?> FindAsync(PortalActor actor, string userId, CancellationToken cancellationToken) =>
        actor.IsAdmin
            ? db.Users.FirstOrDefaultAsync(u => u.Id == userId && u.OrganizationId == actor.OrganizationId,
                cancellationToken)
            : Task.FromResult<Monimeer?>(null);

    /// <summary>
    /// Saves a change of the person's access as a change of every token of theirs not yet revoked: calls with
    /// those tokens wait for the commit on this instance, and what the API remembers of them (the owner's account
    /// state and Space roles among it) is dropped here at the commit and on the other instances through NOTIFY.
    /// A token the person created while the change was being saved is told of it once it has committed.
    /// </summary>
    private async Task SaveAccessChangeAsync(string ownerId, Func<Task> save, CancellationToken cancellationToken)
    {
        var lookupIds = await LiveLookupIdsAsync(ownerId, cancellationToken);
        await tokenChanges.SaveTokenChangeAsync(lookupIds, async _ =>
        {
            await save();
            return true;
        }, cancellationToken);

        var createdMeanwhile = (await LiveLookupIdsAsync(ownerId, cancellationToken)).Except(lookupIds).ToList();
        await tokenChanges.TokensChangedAsync(createdMeanwhile, cancellationToken);
    }

    private Task<List<string>> LiveLookupIdsAsync(string ownerId, CancellationToken cancellationToken) =>
        db.AccessTokens.AsNoTracking()
            .Where(t => t.OwnerId == ownerId && t.RevokedAt == null)
            .Select(t => t.LookupId)
            .ToListAsync(cancellationToken);

    private AdministrationResult Refuse(PortalActor actor, string subjectId, string reason)
    {
        AdministrationLog.Refused(logger, subjectId, actor.UserId, reason);
        return AdministrationResult.Refused(reason);
    }

    private async Task InTransactionAsync(Func<Task> change, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await change();
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                "The account change failed: " + string.Join("; ", result.Errors.Select(e => e.Code)));
        }
    }
}
