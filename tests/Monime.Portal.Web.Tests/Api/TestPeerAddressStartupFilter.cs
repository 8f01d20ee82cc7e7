using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Test only: the test server has no socket, so this sets the connection's peer address from the
/// <c>X-Test-Peer</c> header before anything else runs, as a real TCP connection would. The forwarded-headers
/// middleware then decides, exactly as in production, whether to believe X-Forwarded-For.
/// </summary>
internal sealed class TestPeerAddressStartupFilter : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress =
                context.Request.Headers[Header] is [{ } peer] && IPAddress.TryParse(peer, out var address)
                    ? address
                    : IPAddress.Parse("192.0.2.10");
            context.Request.Headers.Remove(Header);
            return nextMiddleware(context);
        });
        next(app);
    };
}
