using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Accounts;

/// <summary>
/// Every Razor Page handler of the app against every portal role. The handlers are discovered from the app's
/// endpoints, so a page added without a row here fails the test until someone decides who may use it.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class RoleMatrixTests(PortalAppFactory factory)
{
    private const string Developer = "Developer";

    // Who may use each handler. Account pages are listed so the matrix stays complete, but they are not replayed:
    // they change the session the test runs in (sign-in, sign-out, two-factor). Token handlers are open to every
    // signed-in person, who may act only on their own tokens: on a colleague's they answer 404 and change nothing.
    private static readonly Dictionary<string, Gate> s_matrix = new(StringComparer.Ordinal)
    {
        ["GET /Account/AccessDenied"] = Gate.Public,
        ["GET /Account/Lockout"] = Gate.Public,
        ["GET /Account/Login"] = Gate.Public,
        ["POST /Account/Login"] = Gate.Public,
        ["GET /Account/Logout"] = Gate.Public,
        ["POST /Account/Logout"] = Gate.Public,
        ["GET /Account/Register"] = Gate.Public,
        ["POST /Account/Register"] = Gate.Public,
        ["GET /Account/LoginWith2fa"] = Gate.Public,
        ["POST /Account/LoginWith2fa"] = Gate.Public,
        ["GET /Account/Password"] = Gate.Public,
        ["POST /Account/Password"] = Gate.Public,
        ["GET /Account/TwoFactor"] = Gate.Public,
        ["POST /Account/TwoFactor?handler=Setup"] = Gate.Public,
        ["POST /Account/TwoFactor?handler=Enable"] = Gate.Public,
        ["POST /Account/TwoFactor?handler=Disable"] = Gate.Public,
        ["GET /Error"] = Gate.Public,
        ["GET /Index"] = Gate.SignedIn,
        ["GET /Developer/Index"] = Gate.SignedIn,
        ["GET /Docs/Api"] = Gate.SignedIn,
        ["GET /Usage/Token"] = Gate.SignedIn,
        ["GET /Tokens/Index"] = Gate.SignedIn,
        ["GET /Tokens/Create"] = Gate.SignedIn,
        ["POST /Tokens/Create"] = Gate.SignedIn,
        ["GET /Tokens/Details"] = Gate.SignedIn,
        ["POST /Tokens/Details?handler=Revoke"] = Gate.SignedIn,
        ["POST /Tokens/Details?handler=Rotate"] = Gate.SignedIn,
        ["POST /Tokens/Details?handler=EndGrace"] = Gate.SignedIn,
        ["POST /Tokens/Details?handler=Narrow"] = Gate.SignedIn,
        ["GET /Tokens/Explain"] = Gate.SignedIn,
        ["GET /Ops/Index"] = Gate.UsageReader,
        ["GET /Ops/Index?handler=Csv"] = Gate.UsageReader,
        ["GET /Admin/Index"] = Gate.Admin,
        ["POST /Admin/Index?handler=Roles"] = Gate.Admin,
        ["POST /Admin/Index?handler=Disable"] = Gate.Admin,
        ["POST /Admin/Index?handler=Enable"] = Gate.Admin,
        ["POST /Admin/Index?handler=Membership"] = Gate.Admin,
        ["POST /Admin/Index?handler=RemoveMembership"] = Gate.Admin,
        ["GET /Admin/Tokens"] = Gate.Admin,
        ["POST /Admin/Tokens?handler=Revoke"] = Gate.Admin,
        ["GET /Admin/Audit"] = Gate.Admin,
    };

    private enum Gate
    {
        Public,
        SignedIn,
        UsageReader,
        Admin,
    }

    [Fact]
    public async Task Matrix_EveryPageHandlerOfTheApp_IsListed()
    {
        var handlers = await DiscoverHandlersAsync();

        Assert.Equal(s_matrix.Keys.Order(StringComparer.Ordinal), handlers.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Developer)]
    [InlineData(PortalRoles.Ops)]
    [InlineData(PortalRoles.Admin)]
    public async Task Handler_ForRole_IsServedOnlyWhenTheMatrixAllows(string role)
    {
        var user = await factory.CreateUserAsync(role == Developer ? [] : [role]);
        var colleague = await AddColleagueAsync(user);
        var token = await factory.CreateTokenAsync(colleague, "colleague token");
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var antiforgery = PortalClientExtensions.AntiforgeryToken(await client.GetStringAsync("/Developer"));
        var failures = new List<string>();

        foreach (var (handler, gate) in s_matrix.Where(entry => entry.Value != Gate.Public))
        {
            var allowed = gate switch
            {
                Gate.Admin => role == PortalRoles.Admin,
                Gate.UsageReader => role is PortalRoles.Admin or PortalRoles.Ops,
                _ => true,
            };
            using var response = await SendAsync(client, handler, antiforgery, token.Id, colleague, user.SpaceId);
            var denied = IsDenied(response);
            if (denied == allowed)
            {
                failures.Add($"{handler}: {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.Empty(failures);
        if (role != PortalRoles.Admin)
        {
            await AssertNothingChangedAsync(token.Id, colleague);
        }
    }

    private static bool IsDenied(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Forbidden
        || (response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.ToString().Contains("/Account/", StringComparison.Ordinal) == true);

    private static async Task<HttpResponseMessage> SendAsync(
        HttpClient client, string handler, string antiforgery, Guid tokenId, TestUser colleague, string spaceId)
    {
        var parts = handler.Split(' ', 2);
        var path = parts[1].Replace("/Index", "", StringComparison.Ordinal);
        path = path.Length == 0 || path[0] == '?' ? "/" + path : path;
        path = path.Replace("/Usage/Token", $"/Usage/Token/{tokenId}", StringComparison.Ordinal)
            .Replace("/Tokens/Details", $"/Tokens/{tokenId}", StringComparison.Ordinal)
            .Replace("/Tokens/Explain", $"/Tokens/{tokenId}/Explain", StringComparison.Ordinal);
        if (parts[0] == "GET")
        {
            return await client.GetAsync(path);
        }

        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["id"] = tokenId.ToString(),
            ["reason"] = "role matrix",
            ["userId"] = colleague.Id,
            ["spaceId"] = spaceId,
            ["role"] = "Viewer",
            ["admin"] = "true",
            ["ops"] = "true",
        });
        var separator = path.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return await client.PostAsync($"{path}{separator}id={tokenId}", form);
    }

    private async Task<TestUser> AddColleagueAsync(TestUser user)
    {
        var colleague = await factory.CreateUserAsync();
        await using var db = await TestDatabase.OpenAsync();
        await db.Users.Where(u => u.Id == colleague.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, user.OrganizationId));
        return colleague with { OrganizationId = user.OrganizationId };
    }

    private static async Task AssertNothingChangedAsync(Guid tokenId, TestUser colleague)
    {
        await using var db = await TestDatabase.OpenAsync();
        var token = await db.AccessTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId);
        var person = await db.Users.AsNoTracking().SingleAsync(u => u.Id == colleague.Id);
        Assert.Null(token.RevokedAt);
        Assert.Null(person.DisabledAt);
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == colleague.Id));
        Assert.Equal(1, await db.SpaceMemberships.CountAsync(m => m.MonimeerId == colleague.Id));
    }

    private async Task<List<string>> DiscoverHandlersAsync()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints;
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page)
            {
                continue;
            }

            var compiled = page as CompiledPageActionDescriptor
                ?? await loader.LoadAsync(page, endpoint.Metadata);
            var methods = compiled.HandlerMethods.Count == 0
                ? [("GET", (string?)null)]
                : compiled.HandlerMethods.Select(h => (h.HttpMethod.ToUpperInvariant(), h.Name));
            handlers.AddRange(methods.Select(m =>
                $"{m.Item1} {page.ViewEnginePath}{(m.Item2 is null ? "" : "?handler=" + m.Item2)}"));
        }

        return [.. handlers.Distinct(StringComparer.Ordinal)];
    }
}
