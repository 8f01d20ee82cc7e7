using System.Globalization;
using Monime.Portal.Web.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace Monime.Portal.Web.Tests.Hosting;

public sealed class ControlCharacterEscapingEnricherTests
{
    [Theory]
    [InlineData("a\r\nforged", @"a\r\nforged")]
    [InlineData("tab\there", @"tab\there")]
    [InlineData("esc\u001b[2Kforged", @"esc\u001B[2Kforged")]
    [InlineData("nul\0", @"nul\u0000")]
    [InlineData("next\u0085line", @"next\u0085line")]
    [InlineData("line\u2028sep\u2029para", @"line\u2028sep\u2029para")]
    [InlineData("bidi\u202Eevil", @"bidi\u202Eevil")]
    [InlineData("emoji 😀 and é stay", "emoji 😀 and é stay")]
    public void EscapeText_ControlOrBidiCharacter_IsWrittenAsAnEscape(string text, string expected)
    {
        Assert.Equal(expected, ControlCharacterEscapingEnricher.EscapeText(text));
    }

    [Fact]
    public void Enrich_PropertiesHoldingLineBreaks_RenderOnOneLine()
    {
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null,
            new MessageTemplateParser().Parse("Path {Path} agent {Agent} items {Items} map {Map} object {Object}"),
            [
                new LogEventProperty("Path", new ScalarValue("/x\r\nforged: path")),
                new LogEventProperty("Agent", new ScalarValue('\n')),
                new LogEventProperty("Items", new SequenceValue([new ScalarValue("a\nforged: item")])),
                new LogEventProperty("Map", new DictionaryValue([
                    KeyValuePair.Create(new ScalarValue("k\r"), (LogEventPropertyValue)new ScalarValue("v\u2028")),
                ])),
                new LogEventProperty("Object", new ScalarValue(new Echo("example.test\nforged: object"))),
            ]);

        new ControlCharacterEscapingEnricher().Enrich(logEvent, null!);

        var rendered = logEvent.RenderMessage(CultureInfo.InvariantCulture);
        Assert.DoesNotContain('\r', rendered);
        Assert.DoesNotContain('\n', rendered);
        Assert.DoesNotContain('\u2028', rendered);
        Assert.Contains(@"/x\r\nforged: path", rendered, StringComparison.Ordinal);
        Assert.Contains(@"a\nforged: item", rendered, StringComparison.Ordinal);
        Assert.Contains(@"example.test\nforged: object", rendered, StringComparison.Ordinal);
    }

    [Fact]
    public void Enrich_PlainProperties_AreLeftAsTheyWere()
    {
        var path = new ScalarValue("/v1/payments");
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Information, null,
            new MessageTemplateParser().Parse("{Path} {Status}"),
            [new LogEventProperty("Path", path), new LogEventProperty("Status", new ScalarValue(200))]);

        new ControlCharacterEscapingEnricher().Enrich(logEvent, null!);

        Assert.Same(path, logEvent.Properties["Path"]);
        Assert.Equal(new ScalarValue(200), logEvent.Properties["Status"]);
    }

    /// <summary>An object a sink writes through its ToString, as the framework's own value types are.</summary>
    private sealed record Echo(string Text)
    {
        public override string ToString() => Text;
    }
}
