using Monime.Portal.Data;

namespace Monime.Portal.Audit;

/// <summary>
/// Adds audit events to the caller's unit of work, so an event is saved with the change it describes
/// or not at all.
/// </summary>
public sealed class AuditTrail(PortalDbContext db, TimeProvider clock)
{
    public void Record(string action, string? actorId, Guid? organizationId, string? ip,
        Guid? tokenId = null, string? subjectUserId = null, string? detail = null)
    {
        db.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            ActorId = actorId,
            OrganizationId = organizationId,
            Ip = ip,
            TokenId = tokenId,
            SubjectUserId = subjectUserId,
            Detail = detail is { Length: > 1000 } ? detail[..1000] : detail,
            OccurredAt = clock.GetUtcNow(),
        });
    }
}
