namespace Monime.Portal.Tokens;

/// <summary>How long a rotated token keeps working beside its replacement.</summary>
public enum RotationGrace
{
    Now = 0,
    OneHour = 1,
    OneDay = 2,
    SevenDays = 3,
}
