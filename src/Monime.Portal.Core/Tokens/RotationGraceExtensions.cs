namespace Monime.Portal.Tokens;

public static class RotationGraceExtensions
{
    public static TimeSpan ToTimeSpan(this RotationGrace grace) => grace switch
    {
        RotationGrace.Now => TimeSpan.Zero,
        RotationGrace.OneHour => TimeSpan.FromHours(1),
        RotationGrace.OneDay => TimeSpan.FromDays(1),
        RotationGrace.SevenDays => TimeSpan.FromDays(7),
        _ => throw new ArgumentOutOfRangeException(nameof(grace), grace, "Unknown rotation grace."),
    };
}
