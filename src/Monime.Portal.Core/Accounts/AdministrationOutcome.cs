namespace Monime.Portal.Accounts;

public enum AdministrationOutcome
{
    Changed = 0,

    /// <summary>The account already was as asked; nothing written, no audit event.</summary>
    Unchanged = 1,

    /// <summary>No such Monimeer or Space in the admin's organisation; the two are not told apart.</summary>
    NotFound = 2,

    /// <summary>A rule forbids the change, e.g. an admin removing their own Admin role.</summary>
    Refused = 3,
}
