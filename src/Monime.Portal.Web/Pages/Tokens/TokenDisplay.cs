using System.Globalization;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Pages.Tokens;

/// <summary>How the token pages write dates, statuses and choices; every date is shown in UTC.</summary>
public static class TokenDisplay
{
    /// <summary>A short span for people: "45 minutes", "3 hours", "2 days".</summary>
    public static string Duration(TimeSpan span) =>
        span.TotalMinutes < 120 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalMinutes} minutes")
        : span.TotalHours < 48 ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours} hours")
        : string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalDays} days");

    public static string Date(DateTimeOffset? value, string empty = "Never") =>
        value is { } date
            ? date.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : empty;

    public static string Iso(DateTimeOffset value) => value.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    public static string StatusLabel(TokenStatus status) => status.ToString().ToUpperInvariant();

    public static string StatusClass(TokenStatus status) => status switch
    {
        TokenStatus.Active => "badge badge-active",
        TokenStatus.Expired => "badge badge-expired",
        _ => "badge badge-revoked",
    };

    public static string ModeClass(TokenMode mode) => mode == TokenMode.Test ? "badge badge-test" : "badge badge-live";

    public static string ExpiryLabel(TokenExpiry expiry) => expiry switch
    {
        TokenExpiry.TwoMonths => "2 months",
        TokenExpiry.OneYear => "1 year",
        TokenExpiry.Custom => "Custom date",
        _ => "No expiry",
    };

    public static string GraceLabel(RotationGrace grace) => grace switch
    {
        RotationGrace.Now => "End the old token now",
        RotationGrace.OneHour => "Keep the old token for 1 hour",
        RotationGrace.OneDay => "Keep the old token for 24 hours",
        _ => "Keep the old token for 7 days",
    };
}
