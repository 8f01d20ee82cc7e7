using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Spaces;

namespace Monime.Portal.Seeding;

/// <summary>
/// Development-only accounts and Spaces with known passwords, so a fresh checkout can sign in at once.
/// The host calls it only in the Development environment; the passwords are public and worthless elsewhere.
/// </summary>
public sealed class DevelopmentSeeder(
    PortalDbContext db, UserManager<Monimeer> users, RoleManager<IdentityRole> roles, TimeProvider clock)
{
    public static readonly Guid OrganizationId = Guid.Parse("0192f6a0-0000-7000-8000-00000000a001");

    public static IReadOnlyList<SeedAccount> Accounts { get; } =
    [
        new("admin@monime.local", "Ama Admin", "Admin-portal-2026", [PortalRoles.Admin]),
        new("ops@monime.local", "Osei Ops", "Ops-portal-2026", [PortalRoles.Ops]),
        new("dev@monime.local", "Dara Developer", "Dev-portal-2026", []),
    ];

    public static IReadOnlyList<(string Id, string Name)> SeedSpaces { get; } =
    [
        ("spc_k2Lq8vRn3XbT5wYz", "Acme Shop"),
        ("spc_p9Dm4sHc7JfQ1eUa", "Acme Payroll"),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        if (!await db.Organizations.AnyAsync(o => o.Id == OrganizationId, cancellationToken))
        {
            db.Organizations.Add(new Organization { Id = OrganizationId, Name = "Acme (development)", CreatedAt = now });
            foreach (var (id, name) in SeedSpaces)
            {
                db.Spaces.Add(new Space { Id = id, Name = name, OrganizationId = OrganizationId, CreatedAt = now });
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        foreach (var account in Accounts)
        {
            await SeedAccountAsync(account, now);
        }
    }

    private async Task SeedAccountAsync(SeedAccount account, DateTimeOffset now)
    {
        if (await users.FindByEmailAsync(account.Email) is not null)
        {
            return;
        }

        var user = new Monimeer
        {
            UserName = account.Email,
            Email = account.Email,
            EmailConfirmed = true,
            DisplayName = account.DisplayName,
            OrganizationId = OrganizationId,
            CreatedAt = now,
        };
        var created = await users.CreateAsync(user, account.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {account.Email} failed: {string.Join("; ", created.Errors.Select(e => e.Description))}");
        }

        await users.AddToRolesAsync(user, account.Roles);
        var role = account.Roles.Count == 0 ? SpaceRole.Owner
            : account.Roles.Contains(PortalRoles.Admin) ? SpaceRole.Owner
            : SpaceRole.Viewer;
        foreach (var (spaceId, _) in SeedSpaces)
        {
            db.SpaceMemberships.Add(new SpaceMembership
            {
                SpaceId = spaceId,
                MonimeerId = user.Id,
                Role = role,
                CreatedAt = now,
            });
        }

        await db.SaveChangesAsync();
    }
}
