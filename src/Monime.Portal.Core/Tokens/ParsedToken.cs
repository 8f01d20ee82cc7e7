namespace Monime.Portal.Tokens;

/// <summary>A presented token that passed the format and checksum checks; nothing is known of it yet.</summary>
public sealed record ParsedToken(TokenMode Mode, string LookupId, string Secret)
{
    // Records print every member by default; this one holds a secret, so it prints only what is public.
    public override string ToString() => TokenFormat.Mask(Mode, LookupId);
}
