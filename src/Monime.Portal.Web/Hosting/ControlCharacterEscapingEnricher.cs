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
        List<LogEventProperty>? escaped = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Escape(value) is { } replacement)
            {
                (escaped ??= []).Add(new LogEventProperty(name, replacement));
            }
        }

        foreach (var property in escaped ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
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

    /// <summary>
    /// The value with its text escaped, or null when nothing needed escaping. Numbers, dates and the like cannot
    /// hold such characters; any other object is judged by the text a sink would write for it.
    /// </summary>
    private static LogEventPropertyValue? Escape(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string text } => Escaped(text),
        ScalarValue { Value: char c } => Escaped(c.ToString()),
        ScalarValue { Value: not null and not IFormattable and not bool } scalar => Escaped(scalar.Value.ToString()),
        SequenceValue sequence when sequence.Elements.Any(e => Escape(e) is not null) =>
            new SequenceValue(sequence.Elements.Select(e => Escape(e) ?? e)),
        StructureValue structure when structure.Properties.Any(p => Escape(p.Value) is not null) =>
            new StructureValue(
                structure.Properties.Select(p => new LogEventProperty(p.Name, Escape(p.Value) ?? p.Value)),
                structure.TypeTag),
        DictionaryValue dictionary when dictionary.Elements.Any(e => Escape(e.Key) is not null
            || Escape(e.Value) is not null) =>
            new DictionaryValue(dictionary.Elements.Select(e => KeyValuePair.Create(
                Escape(e.Key) as ScalarValue ?? e.Key, Escape(e.Value) ?? e.Value))),
        _ => null,
    };

    private static ScalarValue? Escaped(string? text) =>
        text is not null && TextRules.HasControlOrBidiCharacters(text) ? new ScalarValue(EscapeText(text)) : null;
}
