namespace Monime.Portal.Web.Accounts;

/// <summary>Account events, ids 1000-1099. People appear by user id, never by password or cookie.</summary>
internal static partial class AccountLog
{
    [LoggerMessage(1000, LogLevel.Information, "User {UserId} signed in")]
    public static partial void SignedIn(ILogger logger, string userId);

    [LoggerMessage(1001, LogLevel.Warning, "Sign-in refused for user {UserId}")]
    public static partial void SignInFailed(ILogger logger, string? userId);

    [LoggerMessage(1002, LogLevel.Warning, "User {UserId} locked out after repeated failures")]
    public static partial void LockedOut(ILogger logger, string userId);

    [LoggerMessage(1003, LogLevel.Information, "User {UserId} signed up")]
    public static partial void SignedUp(ILogger logger, string userId);

    [LoggerMessage(1004, LogLevel.Information, "User {UserId} signed out")]
    public static partial void SignedOut(ILogger logger, string userId);

    [LoggerMessage(1005, LogLevel.Warning, "User {UserId} refused page {Page} by its authorization policy")]
    public static partial void AccessDenied(ILogger logger, string userId, string page);
}
