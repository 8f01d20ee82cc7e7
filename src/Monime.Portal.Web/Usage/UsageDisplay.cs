using System.Globalization;
using Monime.Portal.Usage;

namespace Monime.Portal.Web.Usage;

/// <summary>Formatting shared by the usage views, so every page writes numbers and times the same way.</summary>
public static class UsageDisplay
{
    public static IReadOnlyList<UsagePeriod> Periods { get; } =
        [UsagePeriod.Last24Hours, UsagePeriod.Last7Days, UsagePeriod.Last30Days];

    public static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double ratio) => ratio.ToString("0.0%", CultureInfo.InvariantCulture);

    public static string Utc(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "Never";

    public static string StatusBadge(int statusCode) => statusCode switch
    {
        >= 500 => "badge badge-revoked",
        >= 400 => "badge badge-expired",
        _ => "badge badge-active",
    };
}
