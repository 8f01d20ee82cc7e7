using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;

namespace Monime.Portal.Testing;

/// <summary>Tokens and recorded API calls for usage tests, fed through the real buffer and flusher.</summary>
public static class UsageSeed
{
    public static async Task<AccessToken> CreateTokenAsync(
        this PortalAppFactory factory, TestUser owner, string name = "usage token", TokenMode mode = TokenMode.Live,
        string? whitelistedSpaceId = null)
    {
        var actor = new PortalActor(owner.Id, owner.OrganizationId, IsAdmin: false, IsOps: false, "127.0.0.1");
        return await factory.WithServicesAsync(async services =>
        {
            var result = await services.GetRequiredService<TokenService>().CreateAsync(actor, new CreateTokenInput
            {
                Name = name,
                Mode = mode,
                Expiry = mode == TokenMode.Test ? TokenExpiry.TwoMonths : TokenExpiry.OneYear,
                WhitelistedSpaceId = whitelistedSpaceId,
                Permissions = ["payments:read"],
            });
            return result is CreateTokenResult.Created created
                ? created.Token
                : throw new InvalidOperationException($"Token creation answered {result}.");
        });
    }

    public static ApiCall Call(Guid tokenId, DateTimeOffset at, int status = 200,
        string endpoint = "GET /v1/payments", string ip = "203.0.113.5", string? reason = null) =>
        new(tokenId, at, endpoint.Split(' ')[0], endpoint, status, ip, 12, Guid.NewGuid().ToString("N"),
            Reason: reason);

    /// <summary>Records the calls in the app's buffer and flushes them, as the API and the timer would.</summary>
    public static async Task RecordAsync(this PortalAppFactory factory, IEnumerable<ApiCall> calls)
    {
        var buffer = factory.Services.GetRequiredService<UsageBuffer>();
        foreach (var call in calls)
        {
            buffer.Record(call);
        }

        await factory.Services.GetRequiredService<UsageFlusher>().FlushAsync(CancellationToken.None);
    }
}
