using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// Holds one dedicated connection with <c>LISTEN monime_token_changed</c> and evicts tokens changed on any
/// instance. It reconnects after losing the connection, with a doubling backoff capped at 30 seconds, and once
/// listening again clears the whole verification cache, because notifications sent meanwhile are gone. The cache
/// is kept during the outage itself: nothing can be revoked while the database is away, and cached tokens keep
/// serving endpoints that do not need it.
/// </summary>
public sealed class TokenChangeListener(
    TokenDataSource database, TokenVerifier verifier, TimeProvider clock, ILogger<TokenChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_probeInterval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        var missedNotifications = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, notification) =>
                {
                    verifier.Evict(notification.Payload);
                    VerifierLog.Evicted(logger, notification.Payload);
                };
                await using (var listen = new NpgsqlCommand(
                    $"LISTEN {PostgresTokenChangeNotifier.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                if (missedNotifications)
                {
                    verifier.EvictAll();
                    missedNotifications = false;
                }

                VerifierLog.Listening(logger);
                backoff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    // A connection cut without a reset never wakes WaitAsync; a periodic query finds it dead.
                    if (!await connection.WaitAsync(s_probeInterval, stoppingToken))
                    {
                        await using var probe = new NpgsqlCommand("SELECT 1", connection);
                        await probe.ExecuteNonQueryAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException)
            {
                missedNotifications = true;
                VerifierLog.ListenerLost(logger, backoff.TotalSeconds, exception);
                await Task.Delay(backoff, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = backoff * 2 > s_maxBackoff ? s_maxBackoff : backoff * 2;
            }
        }
    }
}
