namespace Monime.Portal.Notifications;

/// <summary>That the owner of a token was told it expires within <see cref="Threshold"/> ("7d" or "1d").</summary>
public sealed class ExpiryNotice
{
    public Guid TokenId { get; set; }

    public required string Threshold { get; set; }

    public DateTimeOffset SentAt { get; set; }
}
