namespace Monime.Portal.Audit;

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Page, bool HasNext);
