using System.Text.RegularExpressions;
using Serilog.Core;
using Serilog.Events;

namespace Monime.Portal.Web.Hosting;

/// <summary>
/// Last line of defence: no code logs a token on purpose, but a header or a body echoed into a log property
/// could. Anything shaped like a token keeps its prefix and lookup id and loses its secret. Data Protection's
/// key store logs each key's XML at Debug; a key kept without a certificate holds its master key in plain
/// form there, and that value is dropped too.
/// </summary>
public sealed partial class SecretMaskingEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        LogPropertyRewriter.Rewrite(logEvent, MaskText);
    }

    public static string MaskText(string text) =>
        MasterKeyValue().Replace(TokenShape().Replace(text, "$1$2…"), "$1…$2");

    // The second group is TokenFormat.LookupLength characters; a wider one would keep part of the secret.
    [GeneratedRegex("(mon_(?:test_)?)([A-Za-z0-9]{5})[A-Za-z0-9]{4,}")]
    private static partial Regex TokenShape();

    [GeneratedRegex("(<masterKey\\b.*?<value>)[^<]*(</value>)", RegexOptions.Singleline)]
    private static partial Regex MasterKeyValue();
}
