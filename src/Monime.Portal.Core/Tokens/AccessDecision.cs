namespace Monime.Portal.Tokens;

/// <summary>The API's verdict on a call: its first failed check, if any, and the permissions it may use.</summary>
public sealed record AccessDecision(AccessCheck? FirstFailure, IReadOnlySet<string> EffectivePermissions)
{
    public bool Allowed => FirstFailure is null;
}
