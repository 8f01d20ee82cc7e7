namespace Monime.Portal.Usage;

/// <summary>One API request of a token, kept for the short recent-request log and the refusal list.</summary>
public sealed class TokenRequestRecord
{
    public long Id { get; set; }

    public Guid TokenId { get; set; }

    public DateTimeOffset OccurredAt { get; set; }

    public required string Method { get; set; }

    public required string Endpoint { get; set; }

    public int StatusCode { get; set; }

    public string? Ip { get; set; }

    public int DurationMs { get; set; }

    public required string RequestId { get; set; }

    public string? SpaceId { get; set; }

    /// <summary>The refusal reason (e.g. <c>ip_not_allowed</c>) when the API said no.</summary>
    public string? Reason { get; set; }
}
