namespace Monime.Portal.Resources;

/// <summary>The currencies Monime settles in.</summary>
public static class Currencies
{
    public const string Leone = "SLE";

    public const string UsDollar = "USD";

    public static IReadOnlyList<string> All { get; } = [Leone, UsDollar];

    public static bool IsKnown(string? currency) => currency is Leone or UsDollar;
}
