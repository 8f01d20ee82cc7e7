using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monime.Portal.Usage;

/// <summary>
/// Writes the usage buffer every <see cref="UsageOptions.FlushIntervalSeconds"/> and once more on a graceful
/// stop. A batch that fails is put back and retried, so a database outage delays counts instead of losing them;
/// only a crash of the process loses what was buffered since the last flush.
/// </summary>
public sealed partial class UsageFlusher(
    UsageBuffer buffer, UsageWriter writer, IOptions<UsageOptions> options, TimeProvider clock,
    ILogger<UsageFlusher> logger) : BackgroundService
{
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var batch = buffer.Drain();
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(batch, cancellationToken);
            LogFlushed(batch.Counts.Count, batch.Calls.Count);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            buffer.Restore(batch);
            LogFlushFailed(exception, batch.Calls.Count);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);

        // The host's shutdown timeout bounds this; the buffer is small, so one batch is quick.
        await FlushAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.FlushIntervalSeconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync performs the last flush.
        }
    }

    [LoggerMessage(4000, LogLevel.Debug, "Usage flushed: {Buckets} counters, {Calls} calls")]
    private partial void LogFlushed(int buckets, int calls);

    [LoggerMessage(4001, LogLevel.Error, "Usage flush failed; {Calls} calls kept for the next attempt")]
    private partial void LogFlushFailed(Exception exception, int calls);
}
