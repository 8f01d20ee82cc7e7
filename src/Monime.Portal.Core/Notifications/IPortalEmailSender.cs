namespace Monime.Portal.Notifications;

/// <summary>Sends the portal's own mails; development and tests write them to a folder instead.</summary>
public interface IPortalEmailSender
{
    Task SendAsync(PortalEmail email, CancellationToken cancellationToken);
}
