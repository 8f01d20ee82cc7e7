namespace Monime.Portal.Tokens;

/// <summary>An active token close to its expiry, as the dashboard and notices show it: masked only.</summary>
public sealed record ExpiringToken(Guid Id, string Name, string Masked, string OwnerId, string? OwnerEmail,
    DateTimeOffset ExpiresAt);
