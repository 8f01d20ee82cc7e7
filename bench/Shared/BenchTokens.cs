using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

namespace Monime.Portal.Bench;

/// <summary>
/// A live <c>payments:read</c> token for the seeded developer, issued through the real TokenService, for the
/// benchmark programs. The secret goes to the caller and nowhere else; the throwaway database dies with the run.
/// </summary>
internal static class BenchTokens
{
    public static async Task<(string Token, Guid Id)> IssueAsync(IServiceProvider services, string name)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var developer = await db.Users.FirstAsync(u => u.Email == "dev@monime.local");
        var actor = new PortalActor(developer.Id, developer.OrganizationId, false, false, "127.0.0.1");
        var result = await scope.ServiceProvider.GetRequiredService<TokenService>().CreateAsync(actor,
            new CreateTokenInput
            {
                Name = name,
                Mode = TokenMode.Live,
                Expiry = TokenExpiry.TwoMonths,
                Services = ["payments"],
                Permissions = ["payments:read"],
            });
        return result is CreateTokenResult.Created created
            ? (created.Issued.Value, created.Token.Id)
            : throw new InvalidOperationException($"Token not created: {result}");
    }
}
