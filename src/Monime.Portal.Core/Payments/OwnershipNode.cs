namespace Monime.Portal.Payments;

public sealed record OwnershipNode(string Type, string Id);
