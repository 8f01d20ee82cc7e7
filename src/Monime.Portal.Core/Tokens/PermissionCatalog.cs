namespace Monime.Portal.Tokens;

/// <summary>
/// The services a token can be granted and the permissions each offers. It is data: adding a
/// service is adding an entry here, and every form, validator and API check follows.
/// </summary>
public static class PermissionCatalog
{
    public static IReadOnlyList<ApiService> Services { get; } =
    [
        new("payments", "Payments", "Payments and payment codes",
            [new("payments:read", "View payments and payment codes"),
             new("payments:write", "Create and delete payment codes")]),
        new("payouts", "Payouts", "Money sent out of a Space",
            [new("payouts:read", "View payouts"), new("payouts:write", "Initiate and cancel payouts")]),
        new("customers", "Customers", "The people and businesses a Space serves",
            [new("customers:read", "Access customer data"), new("customers:write", "Create customers")]),
        new("analytics", "Analytics", "Aggregated figures of a Space",
            [new("analytics:read", "Read analytics summaries")]),
        new("financial_accounts", "Financial Accounts", "Balances that hold a Space's money",
            [new("financial_accounts:read", "View financial accounts and balances"),
             new("financial_accounts:write", "Create financial accounts")]),
    ];

    private static readonly Dictionary<string, ApiService> s_serviceByPermission = Services
        .SelectMany(service => service.Permissions.Select(permission => (permission.Name, service)))
        .ToDictionary(pair => pair.Name, pair => pair.service, StringComparer.Ordinal);

    public static IEnumerable<string> AllPermissions => s_serviceByPermission.Keys;

    /// <summary>Exact, case-sensitive match: <c>Payments:Read</c> or <c>admin:*</c> are not permissions.</summary>
    public static bool IsPermission(string? name) => name is not null && s_serviceByPermission.ContainsKey(name);

    public static ApiService? ServiceOf(string? permission) =>
        permission is null ? null : s_serviceByPermission.GetValueOrDefault(permission);

    public static ApiService? FindService(string key) =>
        Services.FirstOrDefault(service => service.Key == key);
}

public sealed record ApiService(string Key, string Name, string Description, IReadOnlyList<ApiPermission> Permissions);

public sealed record ApiPermission(string Name, string Description);
