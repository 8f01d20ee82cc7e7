namespace Monime.Portal.Resources;

internal static class ResourceTime
{
    /// <summary>
    /// Now, cut to the microsecond that PostgreSQL keeps, so a time handed back on create equals the one
    /// read later and a cursor built from either lands on the same row.
    /// </summary>
    public static DateTimeOffset Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMicrosecond));
    }
}
