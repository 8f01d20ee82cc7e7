using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.PaymentCodes;
using Monime.Portal.Payments;
using Monime.Portal.Payouts;
using Monime.Portal.Resources;

namespace Monime.Portal.Analytics;

public sealed class AnalyticsService(PortalDbContext db, TimeProvider clock)
{
    public async Task<ResourceOutcome<AnalyticsSummary>> SummarizeAsync(
        ResourceScope scope, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken = default)
    {
        if (from > to)
        {
            return new ResourceOutcome<AnalyticsSummary>.Invalid(
                [new FieldProblem("from", "The period starts after it ends.")]);
        }

        var payments = await TotalsAsync(
            InPeriod(db.Payments.InScope(scope), from, to).Where(p => p.Status == PaymentStatuses.Completed),
            cancellationToken);
        var payouts = await TotalsAsync(
            InPeriod(db.Payouts.InScope(scope), from, to)
                .Where(p => p.Status != PayoutStatuses.Failed && p.Status != PayoutStatuses.Cancelled),
            cancellationToken);
        var now = clock.GetUtcNow();
        var activeCodes = await db.PaymentCodes.InScope(scope)
            .CountAsync(c => c.Enable && c.ExpireTime > now
                && (c.Status == PaymentCodeStatuses.Pending || c.Status == PaymentCodeStatuses.Processing),
                cancellationToken);
        var customers = await InPeriod(db.Customers.InScope(scope), from, to).CountAsync(cancellationToken);
        return new ResourceOutcome<AnalyticsSummary>.Done(
            new AnalyticsSummary(from, to, payments, payouts, activeCodes, customers));
    }

    private static IQueryable<T> InPeriod<T>(IQueryable<T> rows, DateTimeOffset? from, DateTimeOffset? to)
        where T : class, IScopedResource
    {
        if (from is { } start)
        {
            rows = rows.Where(r => r.CreatedAt >= start);
        }

        if (to is { } end)
        {
            rows = rows.Where(r => r.CreatedAt < end);
        }

        return rows;
    }

    private static async Task<ActivityTotals> TotalsAsync<T>(IQueryable<T> rows, CancellationToken cancellationToken)
        where T : class, IMoneyResource
    {
        var byCurrency = await rows
            .GroupBy(r => r.Amount.Currency)
            .Select(g => new { Currency = g.Key, Count = g.Count(), Value = g.Sum(r => r.Amount.Value) })
            .ToListAsync(cancellationToken);
        return new ActivityTotals(byCurrency.Sum(g => g.Count),
            [.. byCurrency.OrderBy(g => g.Currency, StringComparer.Ordinal)
                .Select(g => new Money(g.Currency, g.Value))]);
    }
}
