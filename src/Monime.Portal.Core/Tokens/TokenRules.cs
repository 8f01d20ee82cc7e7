namespace Monime.Portal.Tokens;

/// <summary>Bounds that the forms, the validators and the database columns all share.</summary>
public static class TokenRules
{
    public const int MaxNameLength = 100;

    public const int MaxReasonLength = 500;

    public const int MaxIpEntries = 20;

    /// <summary>The longest grace a program may give its own old token: the portal's own longest choice.</summary>
    public static readonly TimeSpan MaxSelfRotationGrace = TimeSpan.FromDays(7);

    /// <summary>Test tokens always live exactly this long; the page does not let them choose.</summary>
    public static DateTimeOffset TestExpiry(DateTimeOffset now) => now.AddMonths(2);
}
