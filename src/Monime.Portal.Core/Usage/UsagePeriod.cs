namespace Monime.Portal.Usage;

/// <summary>The windows the usage views offer; the last 24 hours are shown per hour, longer ones per day.</summary>
public enum UsagePeriod
{
    Last24Hours = 0,
    Last7Days = 1,
    Last30Days = 2,
}
