namespace Monime.Portal.Audit;

/// <summary>
/// Filters of the audit log. <see cref="Actor"/> matches a user id exactly or an email in part; the period is
/// inclusive of <see cref="From"/> and exclusive of the day after <see cref="To"/>, both UTC.
/// </summary>
public sealed record AuditQuery(string? Actor = null, Guid? TokenId = null, string? Action = null,
    DateOnly? From = null, DateOnly? To = null, int Page = 1);
