using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Monime.Portal.Api;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Runs for every request under <c>/v1</c>: gives it a request id, checks <c>Monime-Version</c>, authenticates
/// and authorises it (<see cref="ApiAuthenticator"/>), applies <c>Idempotency-Key</c>, turns every exception
/// and every bodiless error into the error envelope, and records the call against its token.
/// </summary>
public sealed class ApiMiddleware(
    RequestDelegate next,
    ApiAuthenticator authenticator,
    IdempotencyStore idempotency,
    IUsageRecorder recorder,
    ThrottledRefusalHold hold,
    TimeProvider clock,
    IOptions<ApiOptions> options,
    ILogger<ApiMiddleware> logger)
{
    private readonly ConcurrentDictionary<(Endpoint Endpoint, string Method), string> _endpointNames = new();

    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var call = new ApiCallState(NewRequestId());
        context.Features.Set(call);
        context.Response.Headers[ApiHeaders.RequestId] = call.RequestId;
        context.Response.Headers.CacheControl = "no-store";

        // Error pages are HTML for people; an API client always gets the JSON envelope instead.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        try
        {
            await HandleAsync(context, call);
        }
        finally
        {
            Record(context, call, Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task HandleAsync(HttpContext context, ApiCallState call)
    {
        var endpoint = context.GetEndpoint();
        if (endpoint is null)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status404NotFound, ApiReasons.NotFound,
                "No such API endpoint.");
            return;
        }

        // Routing answers a known path with the wrong method through an endpoint of its own (405), which
        // needs no token; it only needs the envelope.
        if (endpoint is not RouteEndpoint)
        {
            await RunEndpointAsync(context, call);
            return;
        }

        if ((LimitBody(context) ?? CheckVersion(context, call)) is { } early)
        {
            await RefuseAsync(context, call, early);
            return;
        }

        var authentication = await authenticator.AuthenticateAsync(context, endpoint, call, context.RequestAborted);
        if (authentication.Refusal is { } refusal)
        {
            await RefuseAsync(context, call, refusal);
            return;
        }

        call.ApiRelease ??= call.Token?.ApiRelease ?? ApiReleases.Latest;
        context.Response.Headers[ApiHeaders.Version] = call.ApiRelease;
        if (authentication.Caller is { } caller)
        {
            context.Features.Set(caller);
        }

        if (authentication.Caller is not null && IsIdempotentWrite(context))
        {
            await RunIdempotentAsync(context, call, authentication.Caller);
            return;
        }

        await RunEndpointAsync(context, call);
    }

    private ApiRefusal? LimitBody(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return context.Request.ContentLength > limit
            ? new ApiRefusal(StatusCodes.Status413PayloadTooLarge, ApiReasons.PayloadTooLarge,
                string.Create(CultureInfo.InvariantCulture, $"Request bodies are limited to {limit} bytes."))
            : null;
    }

    private static ApiRefusal? CheckVersion(HttpContext context, ApiCallState call)
    {
        var values = context.Request.Headers[ApiHeaders.Version];
        if (values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1 || !ApiReleases.IsKnown(values[0]))
        {
            return new ApiRefusal(StatusCodes.Status400BadRequest, ApiReasons.UnsupportedVersion,
                $"{ApiHeaders.Version} must be one of: {string.Join(", ", ApiReleases.All)}.");
        }

        call.ApiRelease = values[0];
        return null;
    }

    /// <summary>Runs the endpoint; whatever it throws becomes a 500 (or 503 when the database is away).</summary>
    private async Task RunEndpointAsync(HttpContext context, ApiCallState call)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.RequestAborted.IsCancellationRequested)
        {
            if (context.Response.HasStarted)
            {
                ApiLog.Failed(logger, context.Request.Method, EndpointName(context), call.RequestId, exception);
                throw;
            }

            // Clear drops what the endpoint half-wrote, and with it the HSTS header set before this middleware
            // ran; it is put back, so that an error answer is held to HTTPS like any other.
            var hsts = context.Response.Headers.StrictTransportSecurity;
            context.Response.Clear();
            if (!StringValues.IsNullOrEmpty(hsts))
            {
                context.Response.Headers.StrictTransportSecurity = hsts;
            }

            context.Response.Headers[ApiHeaders.RequestId] = call.RequestId;
            context.Response.Headers.CacheControl = "no-store";
            if (IsDatabaseFailure(exception))
            {
                ApiLog.DatabaseUnavailable(logger, context.Request.Method, EndpointName(context), call.RequestId,
                    exception);
                context.Response.Headers.RetryAfter = "5";
                await ApiResults.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable,
                    ApiReasons.ServiceUnavailable, "The service is unavailable right now; try again shortly.");
            }
            else if (exception is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                await ApiResults.WriteErrorAsync(context, StatusCodes.Status413PayloadTooLarge,
                    ApiReasons.PayloadTooLarge, "The request body is too large.");
            }
            else if (exception is BadHttpRequestException bad)
            {
                await ApiResults.WriteErrorAsync(context, bad.StatusCode, ApiReasons.InvalidRequest,
                    "The request could not be read.");
            }
            else
            {
                // The message is generic on purpose: a stack trace or SQL text helps an attacker, not a client.
                ApiLog.Failed(logger, context.Request.Method, EndpointName(context), call.RequestId, exception);
                await ApiResults.WriteErrorAsync(context, StatusCodes.Status500InternalServerError,
                    ApiReasons.InternalError,
                    $"Something went wrong on our side; quote request id {call.RequestId} when asking for help.");
            }

            return;
        }

        if (!context.Response.HasStarted && context.Response.StatusCode >= 400
            && context.Response.ContentLength is null or 0)
        {
            await WriteBodilessErrorAsync(context);
        }
    }

    private async Task RunIdempotentAsync(HttpContext context, ApiCallState call, ApiCaller caller)
    {
        var key = context.Request.Headers[ApiHeaders.IdempotencyKey];
        if (key.Count == 0)
        {
            await RunEndpointAsync(context, call);
            return;
        }

        if (key.Count > 1 || !IsValidKey(key[0]))
        {
            await RefuseAsync(context, call, new ApiRefusal(StatusCodes.Status400BadRequest,
                ApiReasons.InvalidIdempotencyKey,
                $"{ApiHeaders.IdempotencyKey} must be 1 to 255 letters, digits, '-' or '_'."));
            return;
        }

        var requestHash = await HashRequestAsync(context);
        if (requestHash is null)
        {
            await RefuseAsync(context, call, LimitBody(context) ?? new ApiRefusal(
                StatusCodes.Status413PayloadTooLarge, ApiReasons.PayloadTooLarge, "The request body is too large."));
            return;
        }

        var scope = string.Create(CultureInfo.InvariantCulture,
            $"{caller.OwnerId}|{caller.Mode}|{caller.SpaceId ?? "-"}");
        IdempotencyClaim claim;
        try
        {
            claim = await idempotency.ClaimAsync(scope, key[0]!, requestHash, context.RequestAborted);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            await RefuseAsync(context, call, new ApiRefusal(StatusCodes.Status503ServiceUnavailable,
                ApiReasons.ServiceUnavailable, "The service is unavailable right now; try again shortly."));
            return;
        }

        switch (claim.Outcome)
        {
            case IdempotencyOutcome.Replay:
                ApiLog.Replayed(logger, caller.TokenId, claim.StatusCode);
                context.Response.StatusCode = claim.StatusCode;
                context.Response.Headers[ApiHeaders.IdempotencyReplayed] = "true";
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(claim.ResponseBody!, context.RequestAborted);
                return;
            case IdempotencyOutcome.KeyInUse:
                await RefuseAsync(context, call, new ApiRefusal(StatusCodes.Status409Conflict,
                    ApiReasons.IdempotencyKeyInUse,
                    "This idempotency key was already used with a different request."));
                return;
            case IdempotencyOutcome.InProgress:
                await RefuseAsync(context, call, new ApiRefusal(StatusCodes.Status409Conflict,
                    ApiReasons.RequestInProgress,
                    "The first request with this idempotency key is still running; retry shortly."));
                return;
        }

        await CaptureAndStoreAsync(context, call, scope, key[0]!);
    }

    private async Task CaptureAndStoreAsync(HttpContext context, ApiCallState call, string scope, string key)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await RunEndpointAsync(context, call);
            if (buffer.Length == 0 && context.Response.StatusCode >= 400)
            {
                await WriteBodilessErrorAsync(context);
            }
        }
        finally
        {
            context.Response.Body = original;
        }

        var body = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        var stored = context.GetEndpoint()?.Metadata.GetMetadata<ApiSecretResponseMetadata>() is null
            ? body
            : ApiSecretRedaction.Redact(body);
        try
        {
            await idempotency.CompleteAsync(scope, key, context.Response.StatusCode, stored, CancellationToken.None);
        }
        catch (Exception exception) when (IsDatabaseFailure(exception))
        {
            // The answer stands; without a stored copy, a retry under this key is told it is still in progress.
            ApiLog.DatabaseUnavailable(logger, context.Request.Method, EndpointName(context), call.RequestId,
                exception);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private async Task<string?> HashRequestAsync(HttpContext context)
    {
        var limit = options.Value.MaxRequestBodyBytes;
        context.Request.EnableBuffering();
        using var body = new MemoryStream();
        try
        {
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
            {
                body.Write(chunk, 0, read);
                if (body.Length > limit)
                {
                    return null;
                }
            }
        }
        catch (BadHttpRequestException)
        {
            return null;
        }

        context.Request.Body.Position = 0;
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(
            $"{context.Request.Method}\n{context.Request.Path}{context.Request.QueryString}\n"));
        hash.AppendData(body.GetBuffer(), 0, (int)body.Length);
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private async Task RefuseAsync(HttpContext context, ApiCallState call, ApiRefusal refusal)
    {
        call.RefusalReason = refusal.LoggedReason;
        var headers = context.Response.Headers;
        if (refusal.Challenge is not null)
        {
            headers.WWWAuthenticate = refusal.Challenge;
        }

        if (refusal.RateLimit is not null)
        {
            headers[ApiHeaders.RateLimit] = refusal.RateLimit;
        }

        if (refusal.RetryAfter is { } retryAfter)
        {
            headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
                .ToString(CultureInfo.InvariantCulture);
        }

        if (refusal.Status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden
            or StatusCodes.Status429TooManyRequests)
        {
            ApiLog.Refused(logger, context.Request.Method, EndpointName(context), refusal.Status,
                refusal.LoggedReason, call.TokenId, call.Token?.Masked,
                ApiAuthenticator.ClientAddress(context)?.ToString());
        }

        if (refusal.Throttled || (refusal.FailedGuess && hold.CountFailure()))
        {
            await hold.HoldAsync(context.RequestAborted);
        }

        await ApiResults.WriteErrorAsync(context, refusal.Status, refusal.Reason, refusal.Message);
    }

    private static Task WriteBodilessErrorAsync(HttpContext context)
    {
        var status = context.Response.StatusCode;
        var (reason, message) = status switch
        {
            StatusCodes.Status404NotFound => (ApiReasons.NotFound, "Not found."),
            StatusCodes.Status405MethodNotAllowed => (ApiReasons.MethodNotAllowed,
                "This endpoint does not answer that method."),
            StatusCodes.Status413PayloadTooLarge => (ApiReasons.PayloadTooLarge, "The request body is too large."),
            StatusCodes.Status503ServiceUnavailable => (ApiReasons.ServiceUnavailable,
                "The service is unavailable right now; try again shortly."),
            >= 500 => (ApiReasons.InternalError, "Something went wrong on our side."),
            _ => (ApiReasons.InvalidRequest, "The request was not accepted."),
        };
        return ApiResults.WriteErrorAsync(context, status, reason, message);
    }

    private void Record(HttpContext context, ApiCallState call, TimeSpan duration)
    {
        if (call.TokenId is not { } tokenId)
        {
            return;
        }

        var apiCall = new ApiCall(tokenId, clock.GetUtcNow(), context.Request.Method, EndpointName(context),
            context.Response.StatusCode, ApiAuthenticator.ClientAddress(context)?.ToString(),
            (int)Math.Min(int.MaxValue, duration.TotalMilliseconds), call.RequestId, call.SpaceId,
            call.RefusalReason, call.Permission, call.AuthorizedAt);
        recorder.Record(apiCall);
    }

    /// <summary>
    /// A request id only has to be unique, not secret: 24 base62 characters (142 bits) from the shared
    /// non-cryptographic generator cost a fraction of a microsecond, where the CSPRNG costs several on every call.
    /// </summary>
    private static string NewRequestId() => "req_" + Random.Shared.GetString(Base62.Alphabet, 24);

    /// <summary>
    /// The route template, never the raw path, so usage counters do not grow with every id. Built once per
    /// endpoint and method the endpoint answers, since every call is counted under it; other methods are rare
    /// and not kept, so the table stays as small as the API.
    /// </summary>
    private string EndpointName(HttpContext context)
    {
        var method = context.Request.Method;
        if (context.GetEndpoint() is not RouteEndpoint { RoutePattern.RawText: { } template } endpoint)
        {
            return $"{method} (unmatched)";
        }

        if (_endpointNames.TryGetValue((endpoint, method), out var name))
        {
            return name;
        }

        name = $"{method} /{template.TrimStart('/')}";
        if (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
        {
            _endpointNames.TryAdd((endpoint, method), name);
        }

        return name;
    }

    private static bool IsIdempotentWrite(HttpContext context) =>
        (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method)
            || HttpMethods.IsPatch(context.Request.Method))
        && context.GetEndpoint()?.Metadata.GetMetadata<ApiNoIdempotencyMetadata>() is null;

    private static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 255 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static bool IsDatabaseFailure(Exception exception) =>
        exception is Npgsql.NpgsqlException or TimeoutException
        || exception.InnerException is Npgsql.NpgsqlException or TimeoutException
        || (exception is InvalidOperationException && exception.InnerException is not null
            && IsDatabaseFailure(exception.InnerException));
}
