namespace Monime.Portal.Notifications;

public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>Where mails are written as .eml files; relative paths start at the content root.</summary>
    public string PickupDirectory { get; set; } = "artifacts/mail";

    public string From { get; set; } = "portal@monime.test";
}
