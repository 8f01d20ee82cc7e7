namespace Monime.Portal.Tokens;

/// <summary>Every policy check in the API's order; the first failure is the one the API answers with.</summary>
public sealed record AccessEvaluation(IReadOnlyList<AccessCheck> Checks, IReadOnlySet<string> EffectivePermissions)
{
    public AccessCheck? FirstFailure => Checks.FirstOrDefault(check => !check.Passed);

    public bool Allowed => FirstFailure is null;
}
