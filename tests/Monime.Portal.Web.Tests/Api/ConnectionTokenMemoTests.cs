using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Api;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// The token parsed on a connection is kept for the connection's next call with the same header; these show that
/// this never carries one header's token over to another header, nor past a revocation.
/// </summary>
public sealed class ConnectionTokenMemoTests(KestrelPortalFactory factory) : IClassFixture<KestrelPortalFactory>
{
    [Fact]
    public async Task OneConnection_HeadersChangingBetweenCalls_EachCallJudgedOnItsOwnHeader()
    {
        var user = await factory.CreateUserAsync();
        var (first, firstId) = await ApiTestTokens.CreateAsync(factory, user);
        var (second, _) = await ApiTestTokens.CreateAsync(factory, user);
        var connections = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1,
            ConnectCallback = async (context, cancellationToken) =>
            {
                Interlocked.Increment(ref connections);
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = factory.BaseAddress };

        var calls = new List<(string Token, ApiResponse Response)>();
        foreach (var token in new[] { first, second, ForgedTokens.WithWrongSecret(first), first, "mon_x", first })
        {
            calls.Add((token, await SelfTestAsync(client, token)));
        }

        await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RevokeAsync(new PortalActor(user.Id, user.OrganizationId, false, false, "127.0.0.1"), firstId, "leaked"));
        var afterRevoke = await SelfTestAsync(client, first);

        Assert.Equal(1, connections);
        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.OK,
                HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            calls.Select(call => call.Response.Status));
        Assert.All(calls.Where(call => call.Response.Status == HttpStatusCode.OK), call => Assert.Equal(
            ForgedTokens.Parse(call.Token).ToString(),
            call.Response.Json.GetProperty("result").GetProperty("token").GetString()));
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.Status);
        Assert.Equal("token_revoked", afterRevoke.Reason);
    }

    [Fact]
    public void Recall_OnHttp11_GivesTheTokenOnlyForTheSameHeaderValue()
    {
        var context = Context("HTTP/1.1");
        var token = ForgedTokens.Random();
        var parsed = ForgedTokens.Parse(token);
        ConnectionTokenMemo.Remember(context, token, parsed);
        var sameLengthOther = token[..^1] + (token[^1] == 'a' ? 'b' : 'a');

        Assert.Same(parsed, ConnectionTokenMemo.Recall(context, new string(token.AsSpan())));
        Assert.Null(ConnectionTokenMemo.Recall(context, sameLengthOther));
        Assert.Null(ConnectionTokenMemo.Recall(context, token + "x"));
        Assert.Null(ConnectionTokenMemo.Recall(Context("HTTP/1.1"), token));
    }

    [Theory]
    [InlineData("HTTP/2")]
    [InlineData("HTTP/3")]
    public void Remember_OnMultiplexedProtocols_KeepsNothing(string protocol)
    {
        var context = Context(protocol);
        var token = ForgedTokens.Random();

        ConnectionTokenMemo.Remember(context, token, ForgedTokens.Parse(token));

        Assert.Empty(context.Features.Get<IConnectionItemsFeature>()!.Items);
        Assert.Null(ConnectionTokenMemo.Recall(context, token));
    }

    private static DefaultHttpContext Context(string protocol)
    {
        var context = new DefaultHttpContext();
        context.Request.Protocol = protocol;
        context.Features.Set<IConnectionItemsFeature>(new ConnectionItems());
        return context;
    }

    private static Task<ApiResponse> SelfTestAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return ApiResponse.SendAsync(client, request);
    }

    private sealed class ConnectionItems : IConnectionItemsFeature
    {
        public IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();
    }
}
