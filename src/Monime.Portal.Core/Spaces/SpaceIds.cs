using Monime.Portal.Tokens;

namespace Monime.Portal.Spaces;

public static class SpaceIds
{
    public const string Prefix = "spc_";

    private const int BodyLength = 14;

    public static string NewId() => Prefix + Base62.Random(BodyLength);

    public static bool IsWellFormed(string? value) =>
        value is not null
        && value.StartsWith(Prefix, StringComparison.Ordinal)
        && value.Length > Prefix.Length
        && value.Length <= 64
        && Base62.IsBase62(value.AsSpan(Prefix.Length));
}
