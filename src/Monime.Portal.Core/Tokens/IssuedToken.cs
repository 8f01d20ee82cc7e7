namespace Monime.Portal.Tokens;

/// <summary>A freshly issued token. <see cref="Value"/> is shown once, then forgotten.</summary>
public sealed record IssuedToken(TokenMode Mode, string LookupId, string Secret, string Value)
{
    // Records print every member by default; this one holds a secret, so it prints only what is public.
    public override string ToString() => TokenFormat.Mask(Mode, LookupId);
}
