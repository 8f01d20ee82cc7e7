namespace Monime.Portal.Accounts;

/// <summary>
/// The business a Monimeer belongs to. Admins act within their own organisation only,
/// so every Space and every token carries the organisation it lives in.
/// </summary>
public sealed class Organization
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
