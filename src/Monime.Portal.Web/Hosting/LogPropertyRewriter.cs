using Serilog.Events;

namespace Monime.Portal.Web.Hosting;

/// <summary>
/// Rewrites the text a log event's properties hold, for the enrichers that must change what reaches a sink: a
/// string, a character, or any other object as the text a sink would write for it (numbers, dates and booleans
/// are left alone: they hold no client text), inside sequences, structures and dictionaries too. Properties
/// whose text the rewrite leaves as it is are not touched.
/// </summary>
internal static class LogPropertyRewriter
{
    public static void Rewrite(LogEvent logEvent, Func<string, string> rewrite)
    {
        List<LogEventProperty>? changed = null;
        foreach (var (name, value) in logEvent.Properties)
        {
            if (Rewrite(value, rewrite) is { } replacement)
            {
                (changed ??= []).Add(new LogEventProperty(name, replacement));
            }
        }

        foreach (var property in changed ?? [])
        {
            logEvent.AddOrUpdateProperty(property);
        }
    }

    /// <summary>The value with its text rewritten, or null when the rewrite changed nothing in it.</summary>
    private static LogEventPropertyValue? Rewrite(LogEventPropertyValue value, Func<string, string> rewrite) =>
        value switch
        {
            ScalarValue { Value: string text } => Changed(text, rewrite),
            ScalarValue { Value: char c } => Changed(c.ToString(), rewrite),
            ScalarValue { Value: not null and not IFormattable and not bool } scalar =>
                Changed(scalar.Value.ToString(), rewrite),
            SequenceValue sequence when sequence.Elements.Any(e => Rewrite(e, rewrite) is not null) =>
                new SequenceValue(sequence.Elements.Select(e => Rewrite(e, rewrite) ?? e)),
            StructureValue structure when structure.Properties.Any(p => Rewrite(p.Value, rewrite) is not null) =>
                new StructureValue(
                    structure.Properties.Select(p =>
                        new LogEventProperty(p.Name, Rewrite(p.Value, rewrite) ?? p.Value)),
                    structure.TypeTag),
            DictionaryValue dictionary when dictionary.Elements.Any(e => Rewrite(e.Key, rewrite) is not null
                || Rewrite(e.Value, rewrite) is not null) =>
                new DictionaryValue(dictionary.Elements.Select(e => KeyValuePair.Create(
                    Rewrite(e.Key, rewrite) as ScalarValue ?? e.Key, Rewrite(e.Value, rewrite) ?? e.Value))),
            _ => null,
        };

    private static ScalarValue? Changed(string? text, Func<string, string> rewrite) =>
        text is not null && rewrite(text) is var rewritten && !string.Equals(rewritten, text, StringComparison.Ordinal)
            ? new ScalarValue(rewritten)
            : null;
}
