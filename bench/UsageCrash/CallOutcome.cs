namespace Monime.Portal.Bench;

/// <summary>How one call ended, as the caller saw it.</summary>
internal enum CallOutcome
{
    /// <summary>An HTTP answer arrived, whatever its status.</summary>
    Answered,

    /// <summary>No connection could be made: the node had stopped listening, so the call never reached it.</summary>
    Refused,

    /// <summary>The call was sent, or its connection was open, and no answer came: a request cut off.</summary>
    CutOff,
}
