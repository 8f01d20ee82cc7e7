namespace Monime.Portal.Notifications;

public sealed class ExpiryNoticeOptions
{
    public const string Section = "ExpiryNotices";

    /// <summary>How often the notifier looks for expiring tokens; an hour keeps a "1 day" notice timely.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
