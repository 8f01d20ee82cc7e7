using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// Holds one dedicated connection with <c>LISTEN monime_token_changed</c> and evicts tokens changed on any
/// instance. After losing the connection it clears the whole verification cache, because notifications sent
/// meanwhile are gone, and reconnects with a doubling backoff capped at 30 seconds.
/// </summary>
public sealed class TokenChangeListener(
    TokenDataSource database, TokenVerifier verifier, TimeProvider clock, ILogger<TokenChangeListener> logger)
    : BackgroundService
{
    private static readonly TimeSpan s_maxBackoff = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
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

                VerifierLog.Listening(logger);
                backoff = TimeSpan.FromMilliseconds(250);
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException or IOException)
            {
                verifier.EvictAll();
                VerifierLog.ListenerLost(logger, backoff.TotalSeconds, exception);
                await Task.Delay(backoff, clock, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = backoff * 2 > s_maxBackoff ? s_maxBackoff : backoff * 2;
            }
        }
    }
}
