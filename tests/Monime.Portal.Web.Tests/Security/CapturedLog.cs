using System.Collections.Concurrent;
using System.Globalization;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Test only: a Serilog sink that keeps every event the portal logged, after its enrichers ran, so a test can
/// render them with the same output template as the portal's text sinks and read the lines they would write.
/// </summary>
public sealed class CapturedLog : ILogEventSink
{
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public int Count => _events.Count;

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public string Render(string outputTemplate)
    {
        var formatter = new MessageTemplateTextFormatter(outputTemplate, CultureInfo.InvariantCulture);
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        foreach (var logEvent in _events)
        {
            formatter.Format(logEvent, writer);
        }

        return writer.ToString();
    }
}
