namespace Monime.Portal.Resources;

/// <summary>A resource that moves an amount: payments and payouts, summed by the analytics.</summary>
public interface IMoneyResource : IScopedResource
{
    Money Amount { get; }
}
