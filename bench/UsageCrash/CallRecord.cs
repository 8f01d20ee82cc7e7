namespace Monime.Portal.Bench;

/// <summary>One call: when it was sent and when it ended, on the driver's clock, and how it ended.</summary>
internal sealed record CallRecord(TimeSpan Sent, TimeSpan Ended, CallOutcome Outcome, int StatusCode)
{
    public bool Succeeded => Outcome == CallOutcome.Answered && StatusCode is >= 200 and < 300;
}
