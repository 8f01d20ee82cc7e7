namespace Monime.Portal.Usage;

/// <summary>Every address a token was ever used from; the first call from a new one raises an alert.</summary>
public sealed class TokenIp
{
    public Guid TokenId { get; set; }

    public required string Ip { get; set; }

    public DateTimeOffset FirstSeenAt { get; set; }
}
