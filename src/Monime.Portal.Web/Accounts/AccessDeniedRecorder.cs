using System.Security.Claims;
using Monime.Portal.Audit;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Records a signed-in Monimeer refused a page by its policy (a Developer opening an admin page): one audit event
/// and one warning, so that probing pages above one's role shows in the trail beside refused sign-ins.
/// </summary>
public sealed class AccessDeniedRecorder(
    PortalActorAccessor actors, AuditTrail audit, PortalDbContext db, ILogger<AccessDeniedRecorder> logger)
{
    public async Task RecordAsync(HttpContext context)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is null)
        {
            return;
        }

        // The page's route, not the request path: the path is the caller's text and could forge a log line.
        var page = context.GetEndpoint()?.DisplayName ?? "(no endpoint)";
        var actor = actors.Current;
        audit.Record(AuditActions.AccessDenied, actor.UserId, actor.OrganizationId, actor.Ip,
            subjectUserId: actor.UserId, detail: page);
        await db.SaveChangesAsync();
        AccountLog.AccessDenied(logger, actor.UserId, page);
    }
}
