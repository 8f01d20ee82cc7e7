using System.Globalization;
using System.Text.Json;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// Token introspection (RFC 7662) for a program that holds a token and wants to know whether it may be used and
/// what it grants. The caller proves itself with its own bearer token; the inspected token goes through the same
/// <see cref="TokenVerifier"/> (cache, Argon2id cap) and <see cref="SecretFailureThrottle"/> as a call made with
/// it, so introspection is no cheaper guessing oracle than the API itself. Only tokens of the caller's own
/// organisation are ever reported active. The inspected secret is neither logged nor answered.
/// </summary>
public sealed class TokenIntrospector(
    TokenVerifier verifier, SecretFailureThrottle throttle, ILogger<TokenIntrospector> logger)
{
    public const string TokenField = "token";

    public async Task<IResult> IntrospectAsync(HttpContext context)
    {
        var caller = context.GetApiCaller();
        var (value, problem) = await ReadTokenAsync(context.Request);
        if (problem is not null)
        {
            return problem;
        }

        if (!TokenFormat.TryParse(value, out var presented))
        {
            return Inactive();
        }

        var clientIp = ApiAuthenticator.ClientAddress(context)?.ToString();
        if (!verifier.IsKnownSecret(presented)
            && throttle.Check(presented.LookupId, clientIp) is { Allowed: false } throttled)
        {
            return TooManyFailures(context, caller, presented, throttled);
        }

        var verification = await verifier.VerifyAsync(presented, context.RequestAborted);
        switch (verification.Outcome)
        {
            case TokenVerificationOutcome.Unavailable:
                context.Response.Headers.RetryAfter = "5";
                return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, ApiReasons.ServiceUnavailable,
                    "The token could not be checked right now; try again shortly.");
            case TokenVerificationOutcome.Throttled:
                return TooManyFailures(context, caller, presented, throttle.AttemptsSpent(presented.LookupId));
            case TokenVerificationOutcome.Unknown:
                throttle.RecordFailure(clientIp);
                break;
            case TokenVerificationOutcome.WrongSecret:
                throttle.RecordFailure(clientIp);
                ApiLog.IntrospectedWrongSecret(logger, caller.TokenId, verification.TokenId, presented.ToString(),
                    clientIp);
                break;
        }

        var token = verification.Token;
        var active = verification.Succeeded && token!.OrganizationId == caller.OrganizationId;
        ApiLog.Introspected(logger, caller.TokenId, presented.ToString(),
            active ? "active" : verification.Outcome.ToString());
        return active ? Results.Json(Describe(token!), ApiJson.Options) : Inactive();
    }

    private IResult TooManyFailures(
        HttpContext context, ApiCaller caller, ParsedToken presented, FailureThrottleDecision decision)
    {
        context.Features.Get<ApiCallState>()?.RefusalReason = ApiReasons.RateLimited;
        ApiLog.Introspected(logger, caller.TokenId, presented.ToString(), "throttled");
        context.Response.Headers[ApiHeaders.RateLimit] = decision.Limit;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(decision.RetryAfter.TotalSeconds))
            .ToString(CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status429TooManyRequests, ApiReasons.RateLimited,
            "Too many failed attempts; wait before trying again.");
    }

    private static ActiveTokenIntrospection Describe(VerifiedToken token) =>
        new(
            true,
            string.Join(' ', token.Permissions.Order(StringComparer.Ordinal)),
            token.Id.ToString(),
            "Bearer",
            token.CreatedAt.ToUnixTimeSeconds(),
            token.ExpiresAt?.ToUnixTimeSeconds(),
            token.OwnerId,
            token.Mode == TokenMode.Live ? "live" : "test",
            token.WhitelistedSpaceId);

    private static IResult Inactive() => Results.Json(InactiveTokenIntrospection.Instance, ApiJson.Options);

    /// <summary>
    /// The <c>token</c> parameter, form-encoded (RFC 7662 §2.1) or in a JSON object. A missing or repeated
    /// parameter is a malformed request (400); error messages never repeat what was sent.
    /// </summary>
    private static async Task<(string? Value, IResult? Problem)> ReadTokenAsync(HttpRequest request)
    {
        string? value;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException)
            {
                return (null, InvalidRequest("The form could not be read."));
            }

            var values = form[TokenField];
            if (values.Count > 1)
            {
                return (null, InvalidRequest("Send the token parameter once."));
            }

            value = values.Count == 1 ? values[0] : null;
        }
        else if (request.HasJsonContentType())
        {
            try
            {
                value = (await request.ReadFromJsonAsync<IntrospectionInput>(ApiJson.Options,
                    request.HttpContext.RequestAborted))?.Token;
            }
            catch (JsonException)
            {
                return (null, InvalidRequest("The body is not a JSON object with a string token."));
            }
        }
        else
        {
            return (null, InvalidRequest(
                "Send the token as application/x-www-form-urlencoded (token=…) or as JSON ({\"token\": …})."));
        }

        return string.IsNullOrEmpty(value)
            ? (null, InvalidRequest("The token parameter is missing."))
            : (value, null);
    }

    private static IResult InvalidRequest(string message) =>
        ApiResults.Error(StatusCodes.Status400BadRequest, ApiReasons.InvalidRequest, message);
}
