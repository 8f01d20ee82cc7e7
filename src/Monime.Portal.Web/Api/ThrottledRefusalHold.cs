using Microsoft.Extensions.Options;
using Monime.Portal.Api;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Holds back the answer to a caller the failure throttle has already stopped. A flood of bad tokens is answered
/// 429 unhashed anyway; holding each answer for a moment also makes the flood wait on itself, so its connections
/// send fewer requests and the CPU goes to callers with good tokens. A held request costs a timer and its
/// connection, so only so many are held at once; past that, refusals are answered at once.
/// </summary>
public sealed class ThrottledRefusalHold(IOptions<ApiOptions> options, TimeProvider clock)
{
    private int _held;

    /// <summary>How many refusals are being held right now.</summary>
    public int Held => Volatile.Read(ref _held);

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
