using System.Globalization;
using System.Text.RegularExpressions;

namespace Monime.Portal.PaymentCodes;

/// <summary>Durations written as Monime takes them, e.g. <c>1h30m</c>, <c>45m</c>, <c>90s</c>.</summary>
public static partial class PaymentCodeDurations
{
    public static readonly TimeSpan Default = TimeSpan.FromHours(1);

    public static readonly TimeSpan Minimum = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromDays(30);

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        var match = text is { Length: > 0 and <= 32 } ? Pattern().Match(text) : Match.Empty;
        if (!match.Success)
        {
            return false;
        }

        duration = TimeSpan.FromHours(Part(match, "h")) + TimeSpan.FromMinutes(Part(match, "m"))
            + TimeSpan.FromSeconds(Part(match, "s"));
        return duration >= Minimum && duration <= Maximum;
    }

    private static long Part(Match match, string unit) =>
        match.Groups[unit].Success ? long.Parse(match.Groups[unit].Value, CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex(@"^(?=\d)(?:(?<h>\d{1,4})h)?(?:(?<m>\d{1,6})m)?(?:(?<s>\d{1,8})s)?$")]
    private static partial Regex Pattern();
}
