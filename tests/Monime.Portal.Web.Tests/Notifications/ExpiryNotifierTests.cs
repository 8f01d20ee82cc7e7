using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Notifications;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Tests.Api;

namespace Monime.Portal.Web.Tests.Notifications;

[Collection(PortalCollection.Name)]
public sealed class ExpiryNotifierTests(PortalAppFactory factory)
{
    [Fact]
    public async Task RunOnce_RunTwice_SendsExactlyOneMailPerTokenAndThreshold()
    {
        var user = await factory.CreateUserAsync();
        var (weekValue, week) = await ApiTestTokens.CreateAsync(factory, user, input => input.Name = "Weekly");
        var (_, day) = await ApiTestTokens.CreateAsync(factory, user, input => input.Name = "Daily");
        var (_, later) = await ApiTestTokens.CreateAsync(factory, user, input => input.Name = "Later");
        await ExpireInAsync(week, TimeSpan.FromDays(3));
        await ExpireInAsync(day, TimeSpan.FromHours(12));
        var notifier = factory.Services.GetRequiredService<ExpiryNotifier>();

        await notifier.RunOnceAsync(CancellationToken.None);
        await notifier.RunOnceAsync(CancellationToken.None);

        var mails = MailsTo(user.Email);
        var (weekMasked, dayMasked, laterMasked) = (await MaskedAsync(week), await MaskedAsync(day),
            await MaskedAsync(later));
        Assert.Single(mails, mail => mail.Contains(weekMasked, StringComparison.Ordinal));
        Assert.Single(mails, mail => mail.Contains(dayMasked, StringComparison.Ordinal));
        Assert.DoesNotContain(mails, mail => mail.Contains(laterMasked, StringComparison.Ordinal));
        Assert.DoesNotContain(mails, mail => mail.Contains(weekValue, StringComparison.Ordinal));
        var notices = await factory.WithServicesAsync(services => services.GetRequiredService<Data.PortalDbContext>()
            .ExpiryNotices.Where(n => n.TokenId == week || n.TokenId == day)
            .Select(n => n.TokenId + "/" + n.Threshold).ToListAsync());
        Assert.Equal(new[] { $"{day}/1d", $"{day}/7d", $"{week}/7d" }.Order(StringComparer.Ordinal),
            notices.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RunOnce_WeekNoticeSentThenTokenEntersLastDay_SendsTheDayNotice()
    {
        var user = await factory.CreateUserAsync();
        var (_, id) = await ApiTestTokens.CreateAsync(factory, user);
        var notifier = factory.Services.GetRequiredService<ExpiryNotifier>();
        await ExpireInAsync(id, TimeSpan.FromDays(5));
        await notifier.RunOnceAsync(CancellationToken.None);

        await ExpireInAsync(id, TimeSpan.FromHours(10));
        await notifier.RunOnceAsync(CancellationToken.None);
        await notifier.RunOnceAsync(CancellationToken.None);

        var masked = await MaskedAsync(id);
        var mails = MailsTo(user.Email).Where(mail => mail.Contains(masked, StringComparison.Ordinal)).ToList();
        Assert.Equal(2, mails.Count);
        Assert.Single(mails, mail => mail.Contains("expires within a day", StringComparison.Ordinal));
    }

    private List<string> MailsTo(string email)
    {
        var directory = factory.Services.GetRequiredService<PickupDirectoryEmailSender>().Directory;
        return Directory.Exists(directory)
            ? [.. Directory.GetFiles(directory, "*.eml").Select(File.ReadAllText)
                .Where(mail => mail.Contains($"To: {email}", StringComparison.Ordinal))]
            : [];
    }

    private Task<string> MaskedAsync(Guid id) =>
        factory.WithServicesAsync(async services =>
        {
            var token = await services.GetRequiredService<Data.PortalDbContext>().AccessTokens
                .AsNoTracking().SingleAsync(t => t.Id == id);
            return TokenFormat.Mask(token.Mode, token.LookupId);
        });

    private Task ExpireInAsync(Guid id, TimeSpan left) =>
        ApiTestTokens.ExecuteAsync(factory, db => db.AccessTokens.Where(t => t.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow + left)));
}
