namespace Monime.Portal.Web.Api;

/// <summary>
/// The only way API answers are written, by the pipeline and the resource handlers alike, so that every answer
/// under <c>/v1</c> has the same envelope.
/// </summary>
public static class ApiResults
{
    private static readonly IReadOnlyList<string> s_noMessages = [];
    private static readonly IReadOnlyList<object> s_noDetails = [];

    public static IResult Ok(object? result, int status = StatusCodes.Status200OK) =>
        Results.Json(new ApiSuccessEnvelope(true, s_noMessages, result), ApiJson.Options, statusCode: status);

    public static IResult List<T>(IReadOnlyList<T> items, string? next) =>
        Results.Json(
            new ApiListEnvelope<T>(true, s_noMessages, items, new ApiPagination(items.Count, next)),
            ApiJson.Options);

    public static IResult Error(int status, string reason, string message, IReadOnlyList<object>? details = null) =>
        Results.Json(ErrorEnvelope(status, reason, message, details), ApiJson.Options, statusCode: status);

    internal static ApiErrorEnvelope ErrorEnvelope(
        int status, string reason, string message, IReadOnlyList<object>? details = null) =>
        new(false, s_noMessages, new ApiError(status, reason, message, details ?? s_noDetails));

    /// <summary>Writes an error envelope straight to the response, for the pipeline that runs before any endpoint.</summary>
    internal static Task WriteErrorAsync(HttpContext context, int status, string reason, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(ErrorEnvelope(status, reason, message), ApiJson.Options,
            contentType: "application/json; charset=utf-8", context.RequestAborted);
    }
}
