namespace Monime.Portal.Audit;

/// <summary>One line of the audit log, with the actor's and the subject's emails resolved.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset OccurredAt, string Action, string? ActorId, string? ActorEmail,
    Guid? TokenId, string? SubjectEmail, string? Ip, string? Detail);
