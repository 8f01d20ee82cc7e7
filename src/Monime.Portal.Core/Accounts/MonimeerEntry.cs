namespace Monime.Portal.Accounts;

public sealed record MonimeerEntry(string Id, string Email, string DisplayName, bool Disabled,
    IReadOnlyList<string> Roles, IReadOnlyList<MembershipEntry> Memberships);
