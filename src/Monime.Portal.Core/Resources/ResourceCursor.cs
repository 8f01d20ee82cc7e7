using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Monime.Portal.Resources;

/// <summary>
/// Keyset cursor (created, id) of the resource lists, base64url so that callers treat it as opaque. Paging by
/// key keeps the thousandth page as fast as the first and never skips or repeats a row when others arrive.
/// </summary>
internal static class ResourceCursor
{
    public static string Encode(DateTimeOffset createdAt, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{createdAt.UtcTicks:x}.{id}")));

    public static bool TryDecode(string? cursor, out (DateTimeOffset CreatedAt, string Id) position)
    {
        position = default;
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 200 || !Base64Url.IsValid(cursor))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('.', 2);
        if (parts is not [var ticksText, var id]
            || !long.TryParse(ticksText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var ticks)
            || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            || id.Length is 0 or > ResourceIds.MaxLength)
        {
            return false;
        }

        position = (new DateTimeOffset(ticks, TimeSpan.Zero), id);
        return true;
    }
}
