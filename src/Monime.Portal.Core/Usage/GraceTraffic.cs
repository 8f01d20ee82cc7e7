namespace Monime.Portal.Usage;

/// <summary>
/// Calls a rotated token still received after its rotation, and how long it has been quiet. Counts come from the
/// request log for the rotation's own hour and from the hourly counters after it, so they are exact unless more
/// calls arrived in that first hour than the log keeps.
/// </summary>
public sealed record GraceTraffic(DateTimeOffset RotatedAt, long CallsSinceRotation, DateTimeOffset? LastUsedAt,
    TimeSpan QuietFor)
{
    public bool IsQuietFor(TimeSpan threshold) => QuietFor >= threshold;
}
