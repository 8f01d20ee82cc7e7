namespace Monime.Portal.Web.Accounts;

public sealed class AccountSecurityOptions
{
    public const string Section = "AccountSecurity";

    public int MaxFailedAttempts { get; set; } = 5;

    public int LockoutSeconds { get; set; } = 300;

    /// <summary>
    /// Zero checks the security stamp on every request: a signed-out, disabled or demoted session ends at
    /// once, for one indexed read per page. Raise it only where that read matters more than the delay.
    /// </summary>
    public int SecurityStampIntervalSeconds { get; set; }

    public int MaxPasswordLength { get; set; } = 128;

    /// <summary>Admins must turn on two-factor sign-in before they can use any page but their account's.</summary>
    public bool RequireTwoFactorForAdmins { get; set; }
}
