using System.Globalization;
using System.Text.Json;
using Monime.Portal.Resources;

namespace Monime.Portal.Web.Api.Resources;

/// <summary>Reads the parts of a request that the framework would otherwise refuse without Monime's envelope.</summary>
internal static class ResourceRequests
{
    /// <summary>The caller's Space and mode. Every resource endpoint is Space-scoped, so the checks set both.</summary>
    public static ResourceScope ScopeOf(HttpContext context)
    {
        var caller = context.GetApiCaller();
        return new ResourceScope(
            caller.SpaceId
            ?? throw new InvalidOperationException("A Space-scoped endpoint was reached without a Space."),
            caller.Mode);
    }

    public static bool TryReadPage(HttpRequest request, out PageRequest page, out IResult? error)
    {
        page = new PageRequest(PageRequest.DefaultLimit, NullIfEmpty(request.Query["after"].ToString()));
        error = null;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length == 0)
        {
            return true;
        }

        if (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            || limit is < PageRequest.MinLimit or > PageRequest.MaxLimit)
        {
            error = ApiResults.Error(StatusCodes.Status400BadRequest, ResourceReasons.InvalidLimit,
                $"The limit must be a whole number from {PageRequest.MinLimit} to {PageRequest.MaxLimit}.");
            return false;
        }

        page = page with { Limit = limit };
        return true;
    }

    /// <summary>The JSON body as <typeparamref name="T"/>, or the 400 answer that explains why it is not one.</summary>
    public static async Task<(T? Body, IResult? Error)> ReadBodyAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        try
        {
            if (optional && (request.ContentLength == 0 || !request.HasJsonContentType()))
            {
                return (null, null);
            }

            var body = await request.ReadFromJsonAsync<T>(request.HttpContext.RequestAborted);
            return body is null && !optional
                ? (null, BodyError("The request needs a JSON object body."))
                : (body, null);
        }
        catch (JsonException exception)
        {
            var where = exception.Path is { Length: > 1 } path ? $" at {path[2..]}" : "";
            return (null, BodyError($"The body is not valid JSON of the expected shape{where}."));
        }
        catch (InvalidOperationException)
        {
            return (null, BodyError("Send the body as Content-Type: application/json."));
        }
    }

    private static IResult BodyError(string message) =>
        ApiResults.Error(StatusCodes.Status400BadRequest, ResourceResults.ValidationReason, message);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
