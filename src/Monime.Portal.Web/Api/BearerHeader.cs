namespace Monime.Portal.Web.Api;

/// <summary>What the request's Authorization header holds; <see cref="Value"/> only when present and well-formed.</summary>
public sealed record BearerHeader(BearerHeaderKind Kind, string? Value, string? Problem)
{
    public static BearerHeader Missing { get; } = new(BearerHeaderKind.Missing, null, null);

    // The value is a credential: records print every member by default, this one never prints it.
    public override string ToString() => $"{Kind}{(Problem is null ? "" : $" ({Problem})")}";
}
