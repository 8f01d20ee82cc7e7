using System.Globalization;

namespace Monime.Portal.Tokens;

public static class TextRules
{
    /// <summary>
    /// Control characters (NUL, CR, LF…), line and paragraph separators, and format characters such as
    /// bidirectional overrides let a name
    /// forge log lines or read as something else, and a lone surrogate is not text at all, so names refuse them.
    /// </summary>
    public static bool HasControlOrBidiCharacters(string? text)
    {
        if (text is null)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (IsControlOrBidi(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One UTF-16 unit of the kinds above; any surrogate counts, so callers step over valid pairs first.
    /// </summary>
    public static bool IsControlOrBidi(char c) =>
        char.IsSurrogate(c) || char.IsControl(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
}
