using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Monime.Portal.Tokens;

namespace Monime.Portal.Api;

/// <summary>Deletes idempotency records older than 24 hours, hourly; keys are promised for at least a day.</summary>
public sealed class IdempotencyPruner(IdempotencyStore store, TimeProvider clock, ILogger<IdempotencyPruner> logger)
    : BackgroundService
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), clock);
        do
        {
            try
            {
                await PruneAsync(stoppingToken);
            }
            catch (Exception exception) when (TokenVerifier.IsDatabaseFailure(exception, stoppingToken))
            {
                VerifierLog.IdempotencyPruneFailed(logger, exception);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>One pass of the hourly loop: deletes the records older than <see cref="Retention"/>.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - Retention;
        var count = await store.PruneAsync(cutoff, cancellationToken);
        VerifierLog.IdempotencyPruned(logger, count, cutoff);
        return count;
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
