namespace Monime.Portal.Web.Api;

/// <summary>
/// Reads the bearer token from the one place it may come from: a single <c>Authorization: Bearer</c> header
/// (RFC 6750 §2.1). A token in the URL (<c>?access_token=</c>) ends up in proxy logs and browser history, so it
/// is never accepted, and a request carrying one is refused even when the header is also present.
/// </summary>
public static class BearerHeaderParser
{
    private const string Scheme = "Bearer ";

    public static BearerHeader Parse(HttpRequest request)
    {
        if (request.Query.ContainsKey("access_token"))
        {
            return Invalid("Send the token in the Authorization header; tokens in the URL are never accepted.");
        }

        var headers = request.Headers.Authorization;
        if (headers.Count == 0)
        {
            return BearerHeader.Missing;
        }

        if (headers.Count > 1)
        {
            return Invalid("Send exactly one Authorization header.");
        }

        var header = headers[0] ?? "";
        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return Invalid("Use the Bearer scheme: Authorization: Bearer <token>.");
        }

        var value = header[Scheme.Length..].Trim();
        if (value.Length == 0)
        {
            return Invalid("The Authorization header holds no token.");
        }

        if (value.Contains(' ', StringComparison.Ordinal) || value.Contains(',', StringComparison.Ordinal))
        {
            return Invalid("Send exactly one token.");
        }

        return new BearerHeader(BearerHeaderKind.Present, value, null);
    }

    private static BearerHeader Invalid(string problem) => new(BearerHeaderKind.Invalid, null, problem);
}
