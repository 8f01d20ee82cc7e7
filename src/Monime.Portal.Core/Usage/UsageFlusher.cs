using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Monime.Portal.Usage;

/// <summary>
/// Writes the usage buffer every <see cref="UsageOptions.FlushIntervalSeconds"/> and once more on a graceful
/// stop. A batch that fails is put back and retried, so a database outage delays counts instead of losing them;
/// only a crash of the process loses what was buffered since the last flush.
/// </summary>
/// <remarks>
/// Flushes run one at a time, so <see cref="FlushAsync"/> returns only once everything recorded before the call is
/// stored (or put back after a failure), even when it finds the buffer empty because another flush drained it. A
/// host may call <see cref="StopAsync"/> twice at once: the test host does, for its own stop and for the app's run
/// ending. Without that wait, the stop that found nothing returned while the other was still writing.
/// </remarks>
public sealed partial class UsageFlusher(
    UsageBuffer buffer, UsageWriter writer, IOptions<UsageOptions> options, TimeProvider clock,
    ILogger<UsageFlusher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _oneFlushAtATime = new(1, 1);

    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _oneFlushAtATime.WaitAsync(cancellationToken);
        try
        {
            await WriteBufferedAsync(cancellationToken);
        }
        finally
        {
            _oneFlushAtATime.Release();
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await base.StopAsync(cancellationToken);
        }
        finally
        {
            // Runs even when the host's stop token is already cancelled, which makes the base throw before the
            // loop has ended. Not cancellable: the process is about to end, so a flush cut short would lose its
            // batch for good. The command timeout still bounds it, and one batch is quick.
            await FlushAsync(CancellationToken.None);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The pause starts after each flush ends, so flushes are at least an interval apart even when one runs
        // long: one batch per interval at most. A flush in progress is never cancelled by the stop; it finishes,
        // and StopAsync then writes what came in meanwhile.
        var interval = TimeSpan.FromSeconds(options.Value.FlushIntervalSeconds);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, clock, stoppingToken);
                await FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync performs the last flush.
        }
    }

    private async Task WriteBufferedAsync(CancellationToken cancellationToken)
    {
        var batch = buffer.Drain();
        if (batch.IsEmpty)
        {
            return;
        }

        try
        {
            await writer.WriteAsync(batch, cancellationToken);
            LogFlushed(batch.Counts.Count, batch.LoggedCalls);
        }
        catch (Exception exception)
        {
            // A batch runs as one transaction, so a failed or cancelled write stored none of it: putting it
            // back loses nothing and counts nothing twice. Dropping it on cancellation lost whole batches.
            buffer.Restore(batch);
            LogFlushFailed(exception, batch.LoggedCalls);
            if (exception is OperationCanceledException)
            {
                throw;
            }
        }
    }

    [LoggerMessage(4000, LogLevel.Debug, "Usage flushed: {Buckets} counters, {Calls} request-log lines")]
    private partial void LogFlushed(int buckets, int calls);

    [LoggerMessage(4001, LogLevel.Error,
        "Usage flush failed; kept for the next attempt with {Calls} request-log lines")]
    private partial void LogFlushFailed(Exception exception, int calls);
}
