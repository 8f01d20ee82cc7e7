using System.Globalization;
using System.Text.Json;
using Monime.Portal.Usage;

namespace Monime.Portal.Web.Usage;

/// <summary>
/// Chart data for <c>wwwroot/js/usage-charts.js</c>, carried in a <c>data-chart</c> attribute: the policy forbids
/// inline script, and an attribute needs no second request or second authorisation check.
/// </summary>
public static class UsageCharts
{
    public static string Activity(UsageWindow window, IReadOnlyList<UsagePoint> series) =>
        JsonSerializer.Serialize(new ChartData(
            "activity",
            [.. series.Select(point => LabelOf(window, point.Start))],
            [
                new ChartSeries("Successful calls", [.. series.Select(point => point.Calls - point.Errors)]),
                new ChartSeries("Errors", [.. series.Select(point => point.Errors)]),
            ]));

    public static string Statuses(IReadOnlyList<StatusClassUsage> classes) =>
        JsonSerializer.Serialize(new ChartData(
            "status",
            [.. classes.Select(c => c.StatusClass)],
            [new ChartSeries("Calls", [.. classes.Select(c => c.Calls)])]));

    public static string Endpoints(IReadOnlyList<EndpointUsage> endpoints) =>
        JsonSerializer.Serialize(new ChartData(
            "endpoints",
            [.. endpoints.Take(8).Select(e => e.Endpoint)],
            [new ChartSeries("Calls", [.. endpoints.Take(8).Select(e => e.Calls)])]));

    private static string LabelOf(UsageWindow window, DateTimeOffset start) =>
        window.Step < TimeSpan.FromDays(1)
            ? start.UtcDateTime.ToString("HH:00", CultureInfo.InvariantCulture)
            : start.UtcDateTime.ToString("d MMM", CultureInfo.InvariantCulture);
}
