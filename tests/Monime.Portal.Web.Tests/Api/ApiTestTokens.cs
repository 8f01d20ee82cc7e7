using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>Creates tokens through the real TokenService and builds requests that carry them.</summary>
internal static class ApiTestTokens
{
    public static async Task<(string Value, Guid Id)> CreateAsync(
        PortalAppFactory factory, TestUser user, Action<CreateTokenInput>? configure = null)
    {
        var input = new CreateTokenInput
        {
            Name = "api test",
            Mode = TokenMode.Live,
            Expiry = TokenExpiry.OneYear,
            Permissions = ["payments:read", "payments:write", "analytics:read"],
            Services = ["payments", "analytics"],
        };
        configure?.Invoke(input);
        if (input.Mode == TokenMode.Test)
        {
            input.Expiry = TokenExpiry.TwoMonths;
        }

        return await factory.WithServicesAsync(async services =>
        {
            var actor = new PortalActor(user.Id, user.OrganizationId, false, false, "127.0.0.1");
            var result = await services.GetRequiredService<TokenService>().CreateAsync(actor, input);
            return result is CreateTokenResult.Created created
                ? (created.Issued.Value, created.Token.Id)
                : throw new InvalidOperationException($"Token not created: {result}");
        });
    }

    public static PortalActor ActorOf(TestUser user) => new(user.Id, user.OrganizationId, false, false, "127.0.0.1");

    public static Task<long> Argon2EvaluationsAsync(PortalAppFactory factory) =>
        factory.WithServicesAsync(services =>
            Task.FromResult(services.GetRequiredService<Argon2SecretHasher>().Evaluations));

    public static Task ExecuteAsync(PortalAppFactory factory, Func<PortalDbContext, Task> change) =>
        factory.WithServicesAsync(async services =>
        {
            await change(services.GetRequiredService<PortalDbContext>());
            return true;
        });

    public static Task SetRoleAsync(PortalAppFactory factory, TestUser user, SpaceRole role) =>
        ExecuteAsync(factory, db => db.SpaceMemberships
            .Where(m => m.MonimeerId == user.Id && m.SpaceId == user.SpaceId)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.Role, role)));

    public static HttpRequestMessage Request(
        HttpMethod method, string path, string? token, string? spaceId = null, string? peer = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (spaceId is not null)
        {
            request.Headers.Add("Monime-Space-Id", spaceId);
        }

        if (peer is not null)
        {
            request.Headers.Add(TestPeerAddressStartupFilter.Header, peer);
        }

        return request;
    }
}
