using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Connections.Features;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>
/// The token last parsed on an HTTP/1.x connection, kept with the header value it came from. A program that keeps
/// its connection open sends the same <c>Authorization</c> header on every call; recognising it spares the
/// checksum and the SHA-256 of the verification cache's key, which are the bulk of a cached token's cost. It
/// changes no decision: the remembered token is the one the same header would parse to, and it is judged afresh
/// on every call like any other.
/// </summary>
/// <remarks>
/// HTTP/2 and HTTP/3 run a connection's requests at once over one shared item dictionary, so only HTTP/1.x,
/// whose requests on a connection follow one another, is remembered. The header is compared in constant time:
/// behind a proxy that pools connections, the previous header may be another client's. The memo holds nothing
/// the connection's own request did not already hold in memory, and it goes with the connection.
/// </remarks>
public static class ConnectionTokenMemo
{
    private static readonly object s_itemKey = new();

    /// <summary>The token parsed earlier on this connection from this exact header value, or null.</summary>
    public static ParsedToken? Recall(HttpContext context, string headerValue)
    {
        ArgumentNullException.ThrowIfNull(headerValue);
        return ItemsOf(context) is { } items && items.TryGetValue(s_itemKey, out var item)
            && item is Remembered remembered && SameValue(remembered.HeaderValue, headerValue)
                ? remembered.Token
                : null;
    }

    public static void Remember(HttpContext context, string headerValue, ParsedToken token)
    {
        if (ItemsOf(context) is { } items)
        {
            items[s_itemKey] = new Remembered(headerValue, token);
        }
    }

    private static IDictionary<object, object?>? ItemsOf(HttpContext context) =>
        HttpProtocol.IsHttp11(context.Request.Protocol) || HttpProtocol.IsHttp10(context.Request.Protocol)
            ? context.Features.Get<IConnectionItemsFeature>()?.Items
            : null;

    private static bool SameValue(string remembered, string presented) =>
        remembered.Length == presented.Length
        && CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(remembered.AsSpan()), MemoryMarshal.AsBytes(presented.AsSpan()));

    private sealed class Remembered(string headerValue, ParsedToken token)
    {
        public string HeaderValue { get; } = headerValue;

        public ParsedToken Token { get; } = token;
    }
}
