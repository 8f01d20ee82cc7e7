namespace Monime.Portal.Audit;

/// <summary>Stable action names; the audit log filters on them, so they never change once shipped.</summary>
public static class AuditActions
{
    public const string SignedIn = "account.signed_in";
    public const string SignInFailed = "account.sign_in_failed";
    public const string LockedOut = "account.locked_out";
    public const string SignedUp = "account.signed_up";
    public const string SignedOut = "account.signed_out";
    public const string PasswordChanged = "account.password_changed";
    public const string RolesChanged = "account.roles_changed";
    public const string MembershipChanged = "account.membership_changed";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string AccessDenied = "account.access_denied";
    public const string TokenCreated = "token.created";
    public const string TokenRevoked = "token.revoked";
    public const string TokenRotated = "token.rotated";
    public const string TokenGraceEnded = "token.grace_ended";
    public const string TokenNewIp = "token.new_ip";
    public const string ApiRefused = "api.refused";

    /// <summary>Every action, for the audit log's filter.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        SignedIn, SignInFailed, LockedOut, SignedUp, SignedOut, PasswordChanged, RolesChanged, MembershipChanged,
        AccountDisabled, AccountEnabled, AccessDenied, TokenCreated, TokenRevoked, TokenRotated, TokenGraceEnded,
        TokenNewIp, ApiRefused,
    ];
}
