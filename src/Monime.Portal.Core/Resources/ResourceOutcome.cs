namespace Monime.Portal.Resources;

/// <summary>What a resource operation came to; the API turns each case into its status and reason.</summary>
public abstract record ResourceOutcome<T>
{
    private ResourceOutcome()
    {
    }

    public sealed record Done(T Value) : ResourceOutcome<T>;

    /// <summary>No such id in the caller's Space and mode; whether it exists elsewhere is never told.</summary>
    public sealed record NotFound : ResourceOutcome<T>;

    public sealed record Invalid(IReadOnlyList<FieldProblem> Problems) : ResourceOutcome<T>;

    /// <summary>A well-formed request the current state forbids; <see cref="Reason"/> is a stable word.</summary>
    public sealed record Refused(string Reason, string Message, int Status = 400) : ResourceOutcome<T>;
}
