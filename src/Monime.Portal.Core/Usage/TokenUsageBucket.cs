namespace Monime.Portal.Usage;

/// <summary>Calls of one token to one endpoint with one status, within one hour (UTC).</summary>
public sealed class TokenUsageBucket
{
    public Guid TokenId { get; set; }

    public DateTimeOffset HourStart { get; set; }

    public required string Endpoint { get; set; }

    public int StatusCode { get; set; }

    public long Calls { get; set; }
}
