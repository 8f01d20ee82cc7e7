namespace Monime.Portal.Usage;

/// <summary>
/// What a token was granted against what its successful calls needed over
/// <see cref="UsageQueries.LeastPrivilegeWindow"/>.
/// A narrower replacement is worth offering only when it used something (else nothing tells what to keep) and
/// holds more than it used.
/// </summary>
public sealed record PermissionUsage(
    IReadOnlyList<string> Granted, IReadOnlyList<string> Used, IReadOnlyList<string> Unused)
{
    public bool CanNarrow => Used.Count > 0 && Unused.Count > 0;
}
