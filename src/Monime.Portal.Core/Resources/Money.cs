namespace Monime.Portal.Resources;

/// <summary>An amount in minor units of its currency (cents of SLE), as Monime writes every amount.</summary>
public sealed record Money(string Currency, long Value);
