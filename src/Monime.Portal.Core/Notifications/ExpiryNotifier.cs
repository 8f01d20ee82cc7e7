using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

namespace Monime.Portal.Notifications;

/// <summary>
/// Tells owners that a token expires soon: at start, then every <see cref="ExpiryNoticeOptions.Interval"/>. One
/// mail per token and threshold ("7d", then "1d"); a token first seen inside the tighter window gets one mail
/// that covers both. A notice row is written before the mail is sent, so two instances never both send; if
/// sending fails the row is removed and the next run tries again.
/// </summary>
public sealed class ExpiryNotifier(
    IServiceScopeFactory scopes, IPortalEmailSender sender, IOptions<ExpiryNoticeOptions> options,
    TimeProvider clock, ILogger<ExpiryNotifier> logger) : BackgroundService
{
    private static readonly (string Name, TimeSpan Window)[] s_thresholds =
        [("1d", TimeSpan.FromDays(1)), ("7d", ExpiryQueries.WarningWindow)];

    /// <summary>One pass; answers how many mails were sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var expiring = await scope.ServiceProvider.GetRequiredService<ExpiryQueries>()
            .ExpiringWithinAsync(ExpiryQueries.WarningWindow, cancellationToken: cancellationToken);
        var ids = expiring.Select(t => t.Id).ToList();
        var sent = await db.ExpiryNotices.AsNoTracking()
            .Where(n => ids.Contains(n.TokenId))
            .Select(n => new { n.TokenId, n.Threshold })
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var mails = 0;
        foreach (var token in expiring.Where(t => t.OwnerEmail is not null))
        {
            var due = s_thresholds
                .Where(threshold => token.ExpiresAt - now <= threshold.Window)
                .Where(threshold => !sent.Any(n => n.TokenId == token.Id && n.Threshold == threshold.Name))
                .Select(threshold => threshold.Name)
                .ToList();
            if (due.Count > 0 && await NotifyAsync(db, token, due, now, cancellationToken))
            {
                mails++;
            }
        }

        return mails;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await RunOnceAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    NotificationLog.ExpiryCheckFailed(logger, exception);
                }

                await Task.Delay(options.Value.Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the next start looks again, and the notice rows keep it from repeating a mail.
        }
    }

    private async Task<bool> NotifyAsync(PortalDbContext db, ExpiringToken token, List<string> due,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var notices = due
            .Select(threshold => new ExpiryNotice { TokenId = token.Id, Threshold = threshold, SentAt = now })
            .ToList();
        db.ExpiryNotices.AddRange(notices);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance claimed this notice first; it sends the mail.
            db.ChangeTracker.Clear();
            return false;
        }

        var tightest = due[0];
        try
        {
            await sender.SendAsync(Mail(token, tightest, now), cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            NotificationLog.ExpiryNoticeFailed(logger, exception, token.Id, tightest);
            db.ExpiryNotices.RemoveRange(notices);
            await db.SaveChangesAsync(CancellationToken.None);
            return false;
        }

        NotificationLog.ExpiryNoticeSent(logger, token.Id, tightest);
        return true;
    }

    private static PortalEmail Mail(ExpiringToken token, string threshold, DateTimeOffset now)
    {
        var days = ExpiryQueries.DaysLeft(token.ExpiresAt, now);
        var when = token.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var left = threshold == "1d" ? "within a day" : $"in {days} days";
        return new PortalEmail(token.OwnerEmail!,
            $"Your access token '{token.Name}' expires {left}",
            $"""
            Your access token '{token.Name}' ({token.Masked}) expires at {when}.

            Programs using it will be refused from then on. Rotate it in the developer portal, or from the
            program itself with POST /v1/tokens/self/rotate, and deploy the replacement before then.
            """);
    }
}
