namespace Monime.Portal.Payments;

/// <summary>Which object brought this one about, e.g. the payment code behind a payment.</summary>
public sealed record OwnershipGraph(OwnershipNode Owner);
