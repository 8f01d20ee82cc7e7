namespace Monime.Portal.Usage;

/// <summary>When an address was first and last seen using a token, within one batch of usage.</summary>
public readonly record struct AddressSeen(DateTimeOffset First, DateTimeOffset Last)
{
    public AddressSeen Including(DateTimeOffset at) =>
        new(at < First ? at : First, at > Last ? at : Last);

    public AddressSeen Merge(AddressSeen other) => Including(other.First).Including(other.Last);
}
