namespace Monime.Portal.Data;

/// <summary>
/// PostgreSQL text cannot hold U+0000: no stored value contains it, and a query parameter that does is refused
/// by the server (22021) instead of matching nothing. Filters and searches ask here first, so a NUL typed into a
/// search box finds nothing instead of failing the page.
/// </summary>
public static class StoredText
{
    public static bool CanMatch(string value) => !value.Contains('\0', StringComparison.Ordinal);
}
