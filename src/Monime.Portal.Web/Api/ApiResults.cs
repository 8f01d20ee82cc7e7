namespace Monime.Portal.Web.Api;

/// <summary>Monime's answer envelope: every answer, errors and deletes included, carries a JSON body.</summary>
public static class ApiResults
{
    public static IResult Ok(object? result, int status = 200) =>
        Results.Json(new { success = true, messages = Array.Empty<string>(), result }, statusCode: status);

    public static IResult List<T>(IReadOnlyList<T> items, string? next) =>
        Results.Json(new
        {
            success = true,
            messages = Array.Empty<string>(),
            result = items,
            pagination = new { count = items.Count, next },
        });

    public static IResult Error(int status, string reason, string message, IReadOnlyList<object>? details = null) =>
        Results.Json(new
        {
            success = false,
            messages = Array.Empty<string>(),
            error = new { code = status, reason, message, details = details ?? [] },
        }, statusCode: status);
}
