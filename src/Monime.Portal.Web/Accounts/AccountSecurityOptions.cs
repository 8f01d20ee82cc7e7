namespace Monime.Portal.Web.Accounts;

public sealed class AccountSecurityOptions
{
    public const string Section = "AccountSecurity";

    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutSeconds { get; set; } = 300;

    public int SecurityStampIntervalSeconds { get; set; } = 60;

    public int MaxPasswordLength { get; set; } = 128;
}
