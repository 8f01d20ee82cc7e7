namespace Monime.Portal.Tokens;

/// <summary>A presented token that passed the format and checksum checks; nothing is known of it yet.</summary>
/// <remarks>
/// A class, not a record: a record would print its secret and compare by it. The verification cache's key is
/// computed once per parsed token, so a caller that keeps the parsed token for the same header (the API keeps it
/// per connection) pays the SHA-256 once, not on every call.
/// </remarks>
public sealed class ParsedToken(TokenMode mode, string lookupId, string secret)
{
    private VerificationKey? _key;

    public TokenMode Mode { get; } = mode;

    public string LookupId { get; } = lookupId;

    public string Secret { get; } = secret;

    /// <summary>The verification cache's key for this exact token; two threads racing compute equal keys.</summary>
    internal VerificationKey Key => _key ??= VerificationKey.Of(LookupId, Secret);

    public override string ToString() => TokenFormat.Mask(Mode, LookupId);
}
