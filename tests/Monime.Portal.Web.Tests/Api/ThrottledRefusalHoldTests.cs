using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Monime.Portal.Api;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api;

public sealed class ThrottledRefusalHoldTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Hold_LastsTheConfiguredDelay()
    {
        var hold = Hold(delayMilliseconds: 250, maxHeld: 10);

        var held = hold.HoldAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(249));
        Assert.False(held.IsCompleted);
        Assert.Equal(1, hold.Held);

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await held.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, hold.Held);
    }

    [Fact]
    public async Task Hold_BeyondTheCap_AnswersAtOnce()
    {
        var hold = Hold(delayMilliseconds: 250, maxHeld: 2);

        var first = hold.HoldAsync(CancellationToken.None);
        var second = hold.HoldAsync(CancellationToken.None);
        var third = hold.HoldAsync(CancellationToken.None);

        Assert.True(third.IsCompletedSuccessfully);
        Assert.False(first.IsCompleted);
        Assert.False(second.IsCompleted);
        Assert.Equal(2, hold.Held);
        _clock.Advance(TimeSpan.FromMilliseconds(250));
        await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, hold.Held);
    }

    [Fact]
    public void Hold_WithZeroDelay_AnswersAtOnce()
    {
        var hold = Hold(delayMilliseconds: 0, maxHeld: 10);

        Assert.True(hold.HoldAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal(0, hold.Held);
    }

    [Fact]
    public async Task Hold_CallerHangsUp_ReleasesItsPlace()
    {
        var hold = Hold(delayMilliseconds: 250, maxHeld: 10);
        using var hangUp = new CancellationTokenSource();

        var held = hold.HoldAsync(hangUp.Token);
        await hangUp.CancelAsync();
        await held.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, hold.Held);
    }

    [Fact]
    public void CountFailure_BeyondTheSecondsAllowance_SaysHoldUntilTheNextSecond()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero));
        var hold = Hold(delayMilliseconds: 250, maxHeld: 10, failuresPerSecond: 3);

        var withinTheSecond = Enumerable.Range(0, 5).Select(_ => hold.CountFailure()).ToArray();
        _clock.Advance(TimeSpan.FromSeconds(1));
        var nextSecond = hold.CountFailure();

        Assert.Equal([false, false, false, true, true], withinTheSecond);
        Assert.False(nextSecond);
    }

    private ThrottledRefusalHold Hold(int delayMilliseconds, int maxHeld, int failuresPerSecond = 100) =>
        new(Options.Create(new ApiOptions
        {
            ThrottledRefusalDelayMilliseconds = delayMilliseconds,
            MaxHeldRefusals = maxHeld,
            FailuresPerInstancePerSecond = failuresPerSecond,
        }), _clock);
}
