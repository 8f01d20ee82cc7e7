using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Accounts;

/// <summary>
/// The lockout run to its end, on a host whose lockout lasts seconds instead of the production five minutes;
/// SignInTests checks the production length on the shared host.
/// </summary>
public sealed class LockoutTests(LockoutTests.ShortLockoutFactory factory, ITestOutputHelper output)
    : IClassFixture<LockoutTests.ShortLockoutFactory>
{
    private const int MaxFailedAttempts = 5;
    private const int LockoutSeconds = 2;

    [Fact]
    public async Task SignIn_SixWrongPasswordsThenTheCorrectOne_RefusedUntilTheLockoutEndsThenAccepted()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();

        // Act: wrong passwords until the account locks, one more while it is locked, then the correct one.
        var failuresToLockout = 0;
        var lockedAt = Stopwatch.GetTimestamp();
        for (var attempt = 1; attempt <= 6 && failuresToLockout == 0; attempt++)
        {
            using var wrong = await client.SignInAsync(user.Email, $"wrong password {attempt}");
            if (wrong.Headers.Location?.OriginalString == "/Account/Lockout")
            {
                failuresToLockout = attempt;
                lockedAt = Stopwatch.GetTimestamp();
            }
            else
            {
                Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            }
        }

        using var sixth = await client.SignInAsync(user.Email, "wrong password 6");
        using var correctWhileLocked = await client.SignInAsync(user.Email, user.Password);
        var failuresWhileLocked = await AccessFailedCountAsync(user);

        // The correct password, tried again every 100 ms until it is let in (at most ten lockouts long).
        HttpStatusCode accepted = default;
        string? acceptedAt = null;
        var refusedWhileWaiting = 0;
        while (Stopwatch.GetElapsedTime(lockedAt) < TimeSpan.FromSeconds(10 * LockoutSeconds))
        {
            await Task.Delay(100);
            using var probe = await client.SignInAsync(user.Email, user.Password);
            if (probe.Headers.Location?.OriginalString != "/Account/Lockout")
            {
                accepted = probe.StatusCode;
                acceptedAt = probe.Headers.Location?.OriginalString;
                break;
            }

            refusedWhileWaiting++;
        }

        var lockedFor = Stopwatch.GetElapsedTime(lockedAt);
        output.WriteLine($"A1: locked out after {failuresToLockout} failures (configured {MaxFailedAttempts}); " +
            $"correct password refused {refusedWhileWaiting + 1} times while locked; accepted after " +
            $"{lockedFor.TotalSeconds:F2} s (configured lockout {LockoutSeconds} s, production default 300 s)");

        Assert.Equal(MaxFailedAttempts, failuresToLockout);
        Assert.Equal("/Account/Lockout", sixth.Headers.Location?.OriginalString);
        Assert.Equal("/Account/Lockout", correctWhileLocked.Headers.Location?.OriginalString);
        Assert.Equal(0, failuresWhileLocked);
        Assert.Equal((HttpStatusCode.Redirect, "/Developer"), (accepted, acceptedAt));

        // The lock was set a moment before the fifth answer arrived, so the wait may fall short by that moment.
        Assert.InRange(lockedFor.TotalSeconds, LockoutSeconds - 0.5, LockoutSeconds + 3);
    }

    [Fact]
    public async Task SignIn_WrongPasswordsSentAtOnce_EachCountsTowardsTheLockout()
    {
        var user = await factory.CreateUserAsync();
        const int atOnce = MaxFailedAttempts - 1;

        // Each from its own client, all in flight together, as a guesser hoping that only one of them counts.
        var answers = await Task.WhenAll(Enumerable.Range(0, atOnce).Select(async attempt =>
        {
            using var client = factory.CreatePortalClient();
            using var response = await client.SignInAsync(user.Email, $"guess {attempt}");
            return response.StatusCode;
        }));
        var counted = await AccessFailedCountAsync(user);
        using var client = factory.CreatePortalClient();
        using var next = await client.SignInAsync(user.Email, "one guess more");
        output.WriteLine($"A1: {atOnce} wrong passwords at once counted {counted} failures; the next one answered " +
            $"{(int)next.StatusCode} {next.Headers.Location}");

        Assert.All(answers, status => Assert.Equal(HttpStatusCode.OK, status));
        Assert.Equal(atOnce, counted);
        Assert.Equal("/Account/Lockout", next.Headers.Location?.OriginalString);
    }

    // Identity resets the failure count when it locks the account and does not count attempts made while
    // it is locked, so zero here means the sixth wrong password neither extended nor renewed the lockout.
    private Task<int> AccessFailedCountAsync(TestUser user) =>
        factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Monimeer>>();
            return await users.GetAccessFailedCountAsync((await users.FindByIdAsync(user.Id))!);
        });

    public sealed class ShortLockoutFactory : PortalAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["AccountSecurity:MaxFailedAttempts"] = $"{MaxFailedAttempts}",
            ["AccountSecurity:LockoutSeconds"] = $"{LockoutSeconds}",
            ["AccountSecurity:SignInRequestsPerMinute"] = "1000",
        };
    }
}
