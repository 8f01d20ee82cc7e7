using Microsoft.AspNetCore.Identity;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Records how a sign-in step ended, the password step and the two-factor step alike: one audit event saved at
/// once and one log line, so that the trail reads the same whichever step decided.
/// </summary>
public sealed class SignInRecorder(PortalDbContext db, AuditTrail audit, ILogger<SignInRecorder> logger)
{
    public async Task SucceededAsync(Monimeer user, string? ip, string? detail = null)
    {
        audit.Record(AuditActions.SignedIn, user.Id, user.OrganizationId, ip, subjectUserId: user.Id, detail: detail);
        await db.SaveChangesAsync();
        AccountLog.SignedIn(logger, user.Id);
    }

    /// <summary>A refusal of a known account: a wrong secret, a disabled account, or the failure that locked it.</summary>
    public async Task FailedAsync(Monimeer user, SignInResult result, string? ip, string? detail = null)
    {
        var action = result.IsLockedOut ? AuditActions.LockedOut : AuditActions.SignInFailed;
        audit.Record(action, null, user.OrganizationId, ip, subjectUserId: user.Id, detail: detail);
        await db.SaveChangesAsync();
        if (result.IsLockedOut)
        {
            AccountLog.LockedOut(logger, user.Id);
        }
        else
        {
            AccountLog.SignInFailed(logger, user.Id);
        }
    }
}
