using System.Globalization;

namespace Monime.Portal.Tokens;

/// <summary>
/// Keyset cursor (created-at, id) of the token lists. Paging by key instead of offset keeps every page as
/// fast as the first, whether an owner has ten tokens or an organisation a million.
/// </summary>
internal static class TokenCursor
{
    public static string Encode(DateTimeOffset createdAt, Guid id) =>
        string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks:x}.{id:N}");

    public static bool TryDecode(string? cursor, out (DateTimeOffset CreatedAt, Guid Id) position)
    {
        position = default;
        var parts = cursor?.Split('.');
        if (parts is not [var ticksText, var idText]
            || !long.TryParse(ticksText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || !Guid.TryParseExact(idText, "N", out var id))
        {
            return false;
        }

        position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
