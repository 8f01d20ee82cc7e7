using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Counts a wrong password against an account in one statement, and locks the account at the limit, as
/// Identity's lockout would (<see cref="LockoutOptions"/>). Identity reads the count, adds one and writes it back
/// under the row's concurrency stamp, so of several wrong passwords sent at once only one counted; here each
/// counts. The same two statements run for an id that has no row, so that a sign-in to an unknown email costs
/// what a known one does.
/// </summary>
public sealed class FailedPasswordCounter(PortalDbContext db, IOptions<IdentityOptions> identity, TimeProvider clock)
{
    /// <summary>
    /// Counts one failure against the account with this id, if there is one; true when it is now locked out.
    /// </summary>
    public async Task<bool> CountAsync(string userId, CancellationToken cancellationToken = default)
    {
        var limit = identity.Value.Lockout.MaxFailedAccessAttempts;
        var now = clock.GetUtcNow();
        DateTimeOffset? lockedUntil = now + identity.Value.Lockout.DefaultLockoutTimeSpan;
        var stamp = Guid.NewGuid().ToString();

        // Every SET reads the row as it was, so both conditions see the count before this failure; reaching the
        // limit locks the account and starts the count again, as Identity does.
        await db.Users.Where(u => u.Id == userId && u.LockoutEnabled)
            .ExecuteUpdateAsync(row => row
                .SetProperty(u => u.LockoutEnd, u => u.AccessFailedCount + 1 >= limit ? lockedUntil : u.LockoutEnd)
                .SetProperty(u => u.AccessFailedCount,
                    u => u.AccessFailedCount + 1 >= limit ? 0 : u.AccessFailedCount + 1)
                .SetProperty(u => u.ConcurrencyStamp, stamp), cancellationToken);

        return await db.Users.AnyAsync(u => u.Id == userId && u.LockoutEnd > now, cancellationToken);
    }
}
