using Monime.Portal.Resources;

namespace Monime.Portal.Web.Api.Resources;

/// <summary>Turns what a resource service decided into Monime's envelope, status and reason.</summary>
internal static class ResourceResults
{
    public const string NotFoundReason = "not_found";

    public const string ValidationReason = "validation_failed";

    public static IResult From<T>(ResourceOutcome<T> outcome, int status = StatusCodes.Status200OK) => outcome switch
    {
        ResourceOutcome<T>.Done done => ApiResults.Ok(done.Value, status),
        _ => Failure(outcome),
    };

    public static IResult FromPage<T>(ResourceOutcome<ResourcePage<T>> outcome) => outcome switch
    {
        ResourceOutcome<ResourcePage<T>>.Done done => ApiResults.List(done.Value.Items, done.Value.Next),
        _ => Failure(outcome),
    };

    public static IResult Invalid(IReadOnlyList<FieldProblem> problems) =>
        ApiResults.Error(StatusCodes.Status400BadRequest, ValidationReason,
            "The request has invalid fields; see details.", [.. problems]);

    private static IResult Failure<T>(ResourceOutcome<T> outcome) => outcome switch
    {
        ResourceOutcome<T>.NotFound => ApiResults.Error(StatusCodes.Status404NotFound, NotFoundReason,
            "No such object in this Space and mode."),
        ResourceOutcome<T>.Invalid invalid => Invalid(invalid.Problems),
        ResourceOutcome<T>.Refused refused => ApiResults.Error(refused.Status, refused.Reason, refused.Message),
        _ => throw new InvalidOperationException($"Unexpected outcome {outcome.GetType().Name}."),
    };
}
