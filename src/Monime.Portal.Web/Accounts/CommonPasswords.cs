using System.Collections.Frozen;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Passwords found at the top of every breach list (ASVS 6.2.4). The list ships in the assembly, one per line;
/// it holds only those of at least 8 characters, since shorter ones fail the length rule anyway.
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
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
