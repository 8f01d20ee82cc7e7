namespace Monime.Portal.Audit;

/// <summary>Who did what to which token or account, when (UTC) and from where. Never holds a secret.</summary>
public sealed class AuditEvent
{
    public long Id { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Action { get; set; }

    /// <summary>Null for events caused by a program (an API call) rather than a person.</summary>
    public string? ActorId { get; set; }

    public Guid? OrganizationId { get; set; }

    public Guid? TokenId { get; set; }

    public string? SubjectUserId { get; set; }

    public string? Ip { get; set; }

    public string? Detail { get; set; }
}
