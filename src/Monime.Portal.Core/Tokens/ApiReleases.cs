namespace Monime.Portal.Tokens;

/// <summary>API releases a token may target by default, newest first (Monime names them release plus date).</summary>
public static class ApiReleases
{
    public const string Latest = "caph.2025-08-23";

    public static IReadOnlyList<string> All { get; } = [Latest, "caph.2025-06-20"];

    public static bool IsKnown(string? release) => release is not null && All.Contains(release);
}
