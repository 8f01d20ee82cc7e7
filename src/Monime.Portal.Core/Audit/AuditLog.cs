using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;

namespace Monime.Portal.Audit;

/// <summary>Reads an organisation's audit events, newest first; nothing here can write or delete one.</summary>
public sealed class AuditLog(PortalDbContext db)
{
    public const int PageSize = 50;

    /// <summary>The last page number whose offset an int can hold; beyond it every page is empty anyway.</summary>
    public const int MaxPage = int.MaxValue / PageSize;

    public async Task<AuditPage> SearchAsync(
        Guid organizationId, AuditQuery query, CancellationToken cancellationToken = default)
    {
        var page = Math.Clamp(query.Page, 1, MaxPage);
        if (!StoredText.CanMatch(query.Actor ?? "") || !StoredText.CanMatch(query.Action ?? ""))
        {
            return new AuditPage([], page, false);
        }

        var events = db.AuditEvents.AsNoTracking().Where(e => e.OrganizationId == organizationId);
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim();
            var pattern = "%" + actor.Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            var actorIds = db.Users
                .Where(u => u.OrganizationId == organizationId
                    && (u.Id == actor || EF.Functions.ILike(u.Email!, pattern, "\\")))
                .Select(u => u.Id);
            events = events.Where(e => e.ActorId != null && actorIds.Contains(e.ActorId));
        }

        if (query.TokenId is { } tokenId)
        {
            events = events.Where(e => e.TokenId == tokenId);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            events = events.Where(e => e.Action == query.Action);
        }

        if (query.From is { } from)
        {
            var start = new DateTimeOffset(from, TimeOnly.MinValue, TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt >= start);
        }

        // The last representable day has no next midnight to end before; it bounds nothing, so it is left out.
        if (query.To is { } to && to < DateOnly.MaxValue)
        {
            var end = new DateTimeOffset(to.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);
            events = events.Where(e => e.OccurredAt < end);
        }

        var rows = await events
            .OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(e => new AuditEntry(e.Id, e.OccurredAt, e.Action, e.ActorId,
                db.Users.Where(u => u.Id == e.ActorId).Select(u => u.Email).FirstOrDefault(),
                e.TokenId,
                db.Users.Where(u => u.Id == e.SubjectUserId).Select(u => u.Email).FirstOrDefault(),
                e.Ip, e.Detail))
            .ToListAsync(cancellationToken);
        return new AuditPage([.. rows.Take(PageSize)], page, rows.Count > PageSize);
    }
}
