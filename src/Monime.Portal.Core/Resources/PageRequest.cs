namespace Monime.Portal.Resources;

/// <summary>One page of a list: at most <paramref name="Limit"/> items after the opaque cursor.</summary>
public sealed record PageRequest(int Limit = PageRequest.DefaultLimit, string? After = null)
{
    public const int DefaultLimit = 10;

    public const int MinLimit = 1;

    public const int MaxLimit = 50;

    public bool HasValidLimit => Limit is >= MinLimit and <= MaxLimit;
}
