using Microsoft.AspNetCore.Diagnostics;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Hosting;

/// <summary>
/// Answers a page request that failed because PostgreSQL did not answer with a 503 and "try again", written here
/// rather than by the error page: running the pipeline again for that page would authenticate the request, and
/// checking a sign-in cookie reads the database, so the error page would fail the same way.
/// </summary>
public sealed class DatabaseFailureExceptionHandler : IExceptionHandler
{
    // Not "nothing was changed": a write whose commit answer was lost may have happened. The portal's own writes
    // are safe to send again (creates carry a nonce, revocations and rotations refuse a second time).
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1" />
            <title>Try again in a moment · Monime Portal</title>
            <link rel="stylesheet" href="/css/portal.css" />
        </head>
        <body>
            <main>
                <h1>Try again in a moment</h1>
                <p>The portal's database did not answer, so this request may not have finished. Try again shortly.</p>
                <p><a href="/">Back to the portal</a></p>
            </main>
        </body>
        </html>
        """;

    public async ValueTask<bool> TryHandleAsync(
        HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!DatabaseFailures.IsDatabaseFailure(exception))
        {
            return false;
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "5";
        response.Headers.CacheControl = "no-store";
        response.ContentType = "text/html; charset=utf-8";
        await response.WriteAsync(Page, cancellationToken);
        return true;
    }
}
