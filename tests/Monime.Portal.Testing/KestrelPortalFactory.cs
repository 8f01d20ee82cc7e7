using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Monime.Portal.Testing;

/// <summary>
/// The portal served by Kestrel over plain HTTP on a free loopback port, for clients that need a real socket:
/// a browser, or a request that only Kestrel's own limits judge. Secure cookies would be dropped over plain
/// HTTP, so the <c>__Host-</c> names are switched off.
/// </summary>
public class KestrelPortalFactory : PortalAppFactory
{
    public Uri BaseAddress { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cookies:RequireHttps"] = "false",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        UseKestrel(0);
        StartServer();
        var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
            .Addresses.First();
        BaseAddress = new Uri(address
            .Replace("[::]", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }
}
