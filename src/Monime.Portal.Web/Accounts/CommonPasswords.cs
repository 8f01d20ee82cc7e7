using System.Collections.Frozen;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Passwords found at the top of every breach list (ASVS 6.2.4), matched without regard to case. The list ships
/// in the assembly, one per line: the portal's own first hundred, then every password of at least 8 characters
/// among the 10,000 most frequent of the breach-derived list of zxcvbn-ts (`@zxcvbn-ts/language-common` 4.1.3,
/// MIT, licence beside the list), about 3,500 in all. Shorter ones fail the length rule anyway.
/// </summary>
public static class CommonPasswords
{
    private static readonly FrozenSet<string> s_passwords = Load();

    public static bool Contains(string password) => s_passwords.Contains(password);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly
            .GetManifestResourceStream("Monime.Portal.Web.Accounts.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var lines = reader.ReadToEnd()
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
