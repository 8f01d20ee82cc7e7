using System.Globalization;
using System.Text;
using Monime.Portal.Tokens;
using Serilog.Core;
using Serilog.Events;

namespace Monime.Portal.Web.Hosting;

/// <summary>
/// A logged value never starts a log line of its own (ASVS 16.4.1): CR, LF and the other control characters,
/// the Unicode line and paragraph separators, format characters such as bidirectional overrides, and lone
/// surrogates are written as escapes (<c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\u2028</c>). The text sinks render
/// strings literally, and a path, a header or a form field can reach a log property, from the portal's own
/// messages or from the framework's at the levels turned on to debug.
/// </summary>
/// <remarks>
/// Message templates are constants, so property values are all a client can write into. An exception's message
/// and stack trace are written as they are, on lines of their own: a client's text inside an exception message
/// is not escaped.
/// </remarks>
public sealed class ControlCharacterEscapingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        LogPropertyRewriter.Rewrite(logEvent, EscapeText);
    }

    public static string EscapeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!TextRules.HasControlOrBidiCharacters(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (!TextRules.IsControlOrBidi(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(c switch
                {
                    '\r' => @"\r",
                    '\n' => @"\n",
                    '\t' => @"\t",
                    _ => string.Create(CultureInfo.InvariantCulture, $@"\u{(int)c:X4}"),
                });
            }
        }

        return builder.ToString();
    }
}
