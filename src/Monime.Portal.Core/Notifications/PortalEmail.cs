namespace Monime.Portal.Notifications;

/// <summary>A plain-text mail from the portal. Bodies name tokens by their masked id, never their secret.</summary>
public sealed record PortalEmail(string To, string Subject, string Body);
