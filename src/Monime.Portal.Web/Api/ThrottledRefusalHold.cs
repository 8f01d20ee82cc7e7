using Microsoft.Extensions.Options;
using Monime.Portal.Api;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Holds back the answer to a caller the failure throttle has already stopped. A flood of bad tokens is answered
/// 429 unhashed anyway; holding each answer for a moment also makes the flood wait on itself, so its connections
/// send fewer requests and the CPU goes to callers with good tokens. A held request costs a timer and its
/// connection, so only so many are held at once; past that, refusals are answered at once.
/// </summary>
/// <remarks>
/// The per-token and per-address counts cannot stop a flood whose every request claims another address. For
/// that, failed guesses are also counted for the whole instance in one-second windows: past
/// <see cref="ApiOptions.FailuresPerInstancePerSecond"/>, each further one is held too. Legitimate callers whose
/// token is remembered never fail, so they are never held; the cost is that a caller with a mistyped token waits
/// the delay for its 401 while a flood is on.
/// </remarks>
public sealed class ThrottledRefusalHold(IOptions<ApiOptions> options, TimeProvider clock)
{
    private int _held;
    private long _windowSecond = long.MinValue;
    private int _windowFailures;

    /// <summary>How many refusals are being held right now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>
    /// Counts one failed guess against the instance; true when it is beyond this second's allowance and so should
    /// be held. Two threads crossing into a new second may both reset the count: the window is approximate by a
    /// handful of failures, which the allowance absorbs.
    /// </summary>
    public bool CountFailure()
    {
        var second = clock.GetUtcNow().ToUnixTimeSeconds();
        if (Interlocked.Exchange(ref _windowSecond, second) != second)
        {
            Volatile.Write(ref _windowFailures, 0);
        }

        return Interlocked.Increment(ref _windowFailures) > options.Value.FailuresPerInstancePerSecond;
    }

    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, options.Value.ThrottledRefusalDelayMilliseconds));
        if (delay == TimeSpan.Zero)
        {
            return;
        }

        if (Interlocked.Increment(ref _held) > options.Value.MaxHeldRefusals)
        {
            Interlocked.Decrement(ref _held);
            return;
        }

        try
        {
            await Task.Delay(delay, clock, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The caller hung up; there is nobody left to answer.
        }
        finally
        {
            Interlocked.Decrement(ref _held);
        }
    }
}
