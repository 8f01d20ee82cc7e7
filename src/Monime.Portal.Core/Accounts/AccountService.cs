using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Spaces;

namespace Monime.Portal.Accounts;

/// <summary>Sign-up: a new Monimeer gets an organisation and a first Space of their own, as its Owner.</summary>
public sealed class AccountService(
    PortalDbContext db, UserManager<Monimeer> users, AuditTrail audit, TimeProvider clock)
{
    public async Task<(IdentityResult Result, Monimeer? User)> SignUpAsync(
        string email, string displayName, string password, string? ip, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var organization = new Organization { Id = Guid.CreateVersion7(now), Name = displayName.Trim(), CreatedAt = now };
        var user = new Monimeer
        {
            UserName = email.Trim(),
            Email = email.Trim(),
            DisplayName = displayName.Trim(),
            OrganizationId = organization.Id,
            CreatedAt = now,
        };

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Organizations.Add(organization);
            await db.SaveChangesAsync(cancellationToken);

            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return (result, (Monimeer?)null);
            }

            var space = new Space
            {
                Id = SpaceIds.NewId(),
                Name = $"{user.DisplayName}'s Space",
                OrganizationId = organization.Id,
                CreatedAt = now,
            };
            db.Spaces.Add(space);
            db.SpaceMemberships.Add(new SpaceMembership
            {
                SpaceId = space.Id,
                MonimeerId = user.Id,
                Role = SpaceRole.Owner,
                CreatedAt = now,
            });
            audit.Record(AuditActions.SignedUp, user.Id, organization.Id, ip, subjectUserId: user.Id);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (result, user);
        });
    }
}
