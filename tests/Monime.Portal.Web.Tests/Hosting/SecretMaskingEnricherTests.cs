using Monime.Portal.Tokens;
using Monime.Portal.Web.Hosting;
using Serilog.Events;
using Serilog.Parsing;

namespace Monime.Portal.Web.Tests.Hosting;

public sealed class SecretMaskingEnricherTests
{
    [Theory]
    [InlineData(TokenMode.Live)]
    [InlineData(TokenMode.Test)]
    public void Enrich_PropertyHoldingAToken_KeepsPrefixAndLookupAndDropsTheSecret(TokenMode mode)
    {
        var token = TokenFormat.Issue(mode);
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Warning, null,
            new MessageTemplateParser().Parse("Header {Authorization} in {Items}"),
            [
                new LogEventProperty("Authorization", new ScalarValue($"Bearer {token.Value}")),
                new LogEventProperty("Items", new SequenceValue([new ScalarValue(token.Value)])),
            ]);

        new SecretMaskingEnricher().Enrich(logEvent, null!);

        var rendered = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(token.Secret, rendered, StringComparison.Ordinal);
        Assert.Contains(TokenFormat.PrefixOf(mode) + token.LookupId + "…", rendered, StringComparison.Ordinal);
    }
}
