using System.Security.Cryptography;
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

    [Fact]
    public void Enrich_DataProtectionKeyXmlInPlainForm_DropsTheMasterKeyValue()
    {
        // The shape in which Data Protection's key store logs a key kept without a certificate, at Debug.
        var masterKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64));
        var xml = "<key id=\"5b0c\" version=\"1\"><descriptor><descriptor><encryption algorithm=\"AES_256_CBC\" />"
            + "<masterKey p4:requiresEncryption=\"true\" xmlns:p4=\"http://schemas.asp.net/2015/03/dataProtection\">"
            + "<!-- Warning: the key below is in an unencrypted form. --><value>" + masterKey
            + "</value></masterKey></descriptor></descriptor></key>";
        var logEvent = new LogEvent(DateTimeOffset.UtcNow, LogEventLevel.Debug, null,
            new MessageTemplateParser().Parse("Reading data with key '{FriendlyName}', value '{Value}'."),
            [
                new LogEventProperty("FriendlyName", new ScalarValue("key-5b0c")),
                new LogEventProperty("Value", new ScalarValue(xml)),
            ]);

        new SecretMaskingEnricher().Enrich(logEvent, null!);

        var rendered = logEvent.RenderMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.DoesNotContain(masterKey, rendered, StringComparison.Ordinal);
        Assert.Contains("<value>…</value></masterKey>", rendered, StringComparison.Ordinal);
        Assert.Contains("key-5b0c", rendered, StringComparison.Ordinal);
    }
}
