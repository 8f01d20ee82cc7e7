using System.Globalization;
using Monime.Portal.Analytics;
using Monime.Portal.Resources;

namespace Monime.Portal.Web.Api.Resources;

public static class AnalyticsEndpoints
{
    public static RouteGroupBuilder MapAnalytics(this RouteGroupBuilder group)
    {
        group.MapGet("/analytics/summary", SummaryAsync).RequirePermission("analytics:read")
            .WithName("GetAnalyticsSummary")
            .WithSummary("Counts and totals of the Space and mode, optionally between ?from= and ?to= (ISO 8601)");
        return group;
    }

    private static async Task<IResult> SummaryAsync(HttpContext context, AnalyticsService analytics)
    {
        var problems = new List<FieldProblem>();
        var from = ReadTime(context.Request, "from", problems);
        var to = ReadTime(context.Request, "to", problems);
        if (problems.Count > 0)
        {
            return ResourceResults.Invalid(problems);
        }

        return ResourceResults.From(
            await analytics.SummarizeAsync(ResourceRequests.ScopeOf(context), from, to, context.RequestAborted));
    }

    private static DateTimeOffset? ReadTime(HttpRequest request, string name, List<FieldProblem> problems)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time.ToUniversalTime();
        }

        problems.Add(new FieldProblem(name, "Write the time in ISO 8601, e.g. 2025-08-23T00:00:00Z."));
        return null;
    }
}
