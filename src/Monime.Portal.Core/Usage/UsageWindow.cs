namespace Monime.Portal.Usage;

/// <summary>
/// The slots of a period, in UTC: 24 hourly slots ending with the current hour, or 7 or 30 daily slots ending
/// today. Buckets are stored per hour, so every slot is a whole number of buckets and sums stay exact.
/// </summary>
public sealed record UsageWindow(UsagePeriod Period, DateTimeOffset From, TimeSpan Step, int Slots)
{
    public static UsageWindow For(UsagePeriod period, DateTimeOffset now)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var day = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return period switch
        {
            UsagePeriod.Last7Days => new(period, day.AddDays(-6), TimeSpan.FromDays(1), 7),
            UsagePeriod.Last30Days => new(period, day.AddDays(-29), TimeSpan.FromDays(1), 30),
            _ => new(period, hour.AddHours(-23), TimeSpan.FromHours(1), 24),
        };
    }

    public static string LabelOf(UsagePeriod period) => period switch
    {
        UsagePeriod.Last7Days => "7 days",
        UsagePeriod.Last30Days => "30 days",
        _ => "24 hours",
    };

    public DateTimeOffset SlotStart(int index) => From + (Step * index);

    public int SlotOf(DateTimeOffset hourStart) => (int)((hourStart - From).Ticks / Step.Ticks);

    /// <summary>Sums hourly (start, calls, errors) rows into one point per slot, empty slots included.</summary>
    public IReadOnlyList<UsagePoint> Fill(IEnumerable<(DateTimeOffset HourStart, long Calls, long Errors)> rows)
    {
        var calls = new long[Slots];
        var errors = new long[Slots];
        foreach (var row in rows)
        {
            var slot = SlotOf(row.HourStart);
            if (slot >= 0 && slot < Slots)
            {
                calls[slot] += row.Calls;
                errors[slot] += row.Errors;
            }
        }

        return [.. Enumerable.Range(0, Slots).Select(i => new UsagePoint(SlotStart(i), calls[i], errors[i]))];
    }
}
