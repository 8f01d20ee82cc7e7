namespace Monime.Portal.Resources;

/// <summary>One field of a request that failed validation, named by its JSON path (e.g. <c>amount.value</c>).</summary>
public sealed record FieldProblem(string Field, string Message);
