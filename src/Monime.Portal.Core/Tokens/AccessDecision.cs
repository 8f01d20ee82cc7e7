namespace Monime.Portal.Tokens;

/// <summary>The API's verdict on a call: the first failed check, if any, and the permissions the call may use.</summary>
public sealed record AccessDecision(AccessCheck? FirstFailure, IReadOnlySet<string> EffectivePermissions)
{
    public bool Allowed => FirstFailure is null;
}
