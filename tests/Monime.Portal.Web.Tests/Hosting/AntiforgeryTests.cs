using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Hosting;

[Collection(PortalCollection.Name)]
public sealed class AntiforgeryTests(PortalAppFactory factory, ITestOutputHelper output)
{
    [Fact]
    public async Task EveryPostHandler_WithoutAntiforgeryToken_Answers400()
    {
        var handlers = PostHandlers();
        var user = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var accepted = await AcceptedAsync(client, handlers, token: null);

        output.WriteLine($"F3 no token: {accepted.Count} accepted of {handlers.Count} POST handlers");
        Assert.NotEmpty(handlers);
        Assert.Empty(accepted);
    }

    [Fact]
    public async Task EveryPostHandler_WithAnotherSessionsToken_Answers400()
    {
        var handlers = PostHandlers();
        var victim = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        var attacker = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        using var victimClient = factory.CreatePortalClient();
        using var attackerClient = factory.CreatePortalClient();
        await victimClient.SignInAsync(victim);
        await attackerClient.SignInAsync(attacker);
        var attackerToken = PortalClientExtensions.AntiforgeryToken(await attackerClient.GetStringAsync("/Developer"));

        var accepted = await AcceptedAsync(victimClient, handlers, attackerToken);

        output.WriteLine($"F3 another session's token: {accepted.Count} accepted of {handlers.Count} POST handlers");
        Assert.NotEmpty(handlers);
        Assert.Empty(accepted);
    }

    [Fact]
    public async Task EveryPostHandler_CrossSiteFormWithoutAValidToken_Answers400()
    {
        var handlers = PostHandlers();
        var victim = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        using var client = factory.CreatePortalClient();
        using var stranger = factory.CreatePortalClient();
        await client.SignInAsync(victim);

        // What a form on another site can send: the victim's cookies (if the browser sent them at all), that
        // site's Origin and Referer, and a token it made up or took from its own session on the portal.
        var forged = await AcceptedAsync(client, handlers, "CfDJ8forged-token-from-another-site", CrossSite);
        var foreign = await AcceptedAsync(client, handlers,
            PortalClientExtensions.AntiforgeryToken(await stranger.GetStringAsync("/Account/Login")),
            CrossSite);

        output.WriteLine($"F3 cross-site form: {forged.Count + foreign.Count} accepted of {2 * handlers.Count} " +
            $"posts ({handlers.Count} handlers, a made-up token and an anonymous session's token)");
        Assert.NotEmpty(handlers);
        Assert.Empty(forged);
        Assert.Empty(foreign);
    }

    [Fact]
    public async Task EveryPostHandler_CalledWithGetAndItsParameters_ChangesNothing()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        var colleague = await factory.CreateUserAsync();
        await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().Users
            .Where(u => u.Id == colleague.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, admin.OrganizationId)));
        colleague = colleague with { OrganizationId = admin.OrganizationId };
        var (_, adminTokenId) = await ApiTestTokens.CreateAsync(factory, admin);
        var (_, colleagueTokenId) = await ApiTestTokens.CreateAsync(factory, colleague);
        var handlers = PostHandlers(adminTokenId);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        // Every field any POST handler reads, aimed at real rows: the colleague, the tokens, a new email.
        var newcomer = $"linked-{Guid.NewGuid():N}@example.test";
        var fields = new Dictionary<string, string>
        {
            ["id"] = colleagueTokenId.ToString(),
            ["userId"] = colleague.Id,
            ["spaceId"] = admin.SpaceId,
            ["role"] = "Owner",
            ["admin"] = "true",
            ["ops"] = "true",
            ["reason"] = "revoked by a link",
            ["Grace"] = "Now",
            ["Keep"] = "payments:read",
            ["code"] = "000000",
            ["Input.Email"] = colleague.Email,
            ["Input.Password"] = colleague.Password,
            ["Input.CurrentPassword"] = admin.Password,
            ["Input.NewPassword"] = "a new passphrase from a link",
            ["Input.ConfirmPassword"] = "a new passphrase from a link",
            ["Input.DisplayName"] = "Linked",
            ["Input.Name"] = "made by a link",
            ["Input.Mode"] = "Live",
            ["Input.Expiry"] = "OneYear",
            ["Input.Services"] = "payments",
            ["Input.Permissions"] = "payments:read",
            ["Input.Nonce"] = Guid.NewGuid().ToString(),
        };
        var registration = new Dictionary<string, string>(fields)
        {
            ["Input.Email"] = newcomer,
            ["Input.Password"] = "a new passphrase from a link",
        };
        var urls = handlers
            .Select(h => $"{h.Route}?{(h.Handler.Length == 0 ? "" : $"handler={h.Handler}&")}" +
                Query(h.Route == "/Account/Register" ? registration : fields))
            .Concat(
            [
                $"/Tokens/Revoke?{Query(fields)}", $"/Tokens/{adminTokenId}/Revoke?{Query(fields)}",
                $"/Admin/Disable?{Query(fields)}", $"/Admin/Tokens/Revoke?{Query(fields)}", "/Account/Logout",
            ])
            .ToList();

        var changed = new List<string>();
        var statuses = new List<int>();
        var before = await StateAsync(admin, colleague, newcomer);
        foreach (var url in urls)
        {
            using var response = await client.GetAsync(url);
            statuses.Add((int)response.StatusCode);
            var after = await StateAsync(admin, colleague, newcomer);
            if (after != before)
            {
                changed.Add($"GET {url.Split('?')[0]}");
                before = after;
            }
        }

        using var stillSignedIn = await client.GetAsync("/Developer");
        var statusCounts = statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}");
        output.WriteLine($"F3 mutating GET: {changed.Count} of {urls.Count} GETs changed anything " +
            $"(statuses {string.Join(", ", statusCounts)})");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);
        Assert.True(handlers.Count > 10, $"only {handlers.Count} POST handlers found");
        Assert.Empty(changed);
    }

    [Fact]
    public async Task SignOut_WithAnotherSessionsToken_Answers400()
    {
        var victim = await factory.CreateUserAsync();
        var attacker = await factory.CreateUserAsync();
        using var victimClient = factory.CreatePortalClient();
        using var attackerClient = factory.CreatePortalClient();
        await victimClient.SignInAsync(victim);
        await attackerClient.SignInAsync(attacker);
        var attackerToken = PortalClientExtensions.AntiforgeryToken(await attackerClient.GetStringAsync("/Developer"));

        using var content = new FormUrlEncodedContent([new("__RequestVerificationToken", attackerToken)]);
        using var response = await victimClient.PostAsync("/Account/Logout", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static string Query(Dictionary<string, string> fields) =>
        string.Join("&", fields.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));

    private static void CrossSite(HttpRequestMessage request)
    {
        request.Headers.Add("Origin", "https://evil.example");
        request.Headers.Referrer = new Uri("https://evil.example/free-prize");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        request.Headers.Add("Sec-Fetch-Mode", "navigate");
    }

    /// <summary>Posts to every handler with the given token (or none); lists those not answered 400.</summary>
    private static async Task<List<string>> AcceptedAsync(
        HttpClient client, List<(string Route, string Handler)> handlers, string? token,
        Action<HttpRequestMessage>? alter = null)
    {
        var accepted = new List<string>();
        foreach (var (route, handler) in handlers)
        {
            var url = handler.Length == 0 ? route : $"{route}?handler={handler}";
            var fields = new List<KeyValuePair<string, string>> { new("reason", "wrong token") };
            if (token is not null)
            {
                fields.Add(new("__RequestVerificationToken", token));
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent(fields),
            };
            alter?.Invoke(request);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{url} -> {(int)response.StatusCode}");
            }
        }

        return accepted;
    }

    /// <summary>Everything a POST handler could change for these two Monimeers of one organisation.</summary>
    private Task<string> StateAsync(TestUser admin, TestUser colleague, string newcomer) =>
        factory.WithServicesAsync(async services =>
        {
            var db = services.GetRequiredService<PortalDbContext>();
            string[] people = [admin.Id, colleague.Id];
            var tokens = await db.AccessTokens.AsNoTracking()
                .Where(t => t.OrganizationId == admin.OrganizationId)
                .OrderBy(t => t.Id)
                .Select(t => $"{t.Id} {t.Version} {t.RevokedAt} {t.ReplacedById}")
                .ToListAsync();
            var users = await db.Users.AsNoTracking()
                .Where(u => people.Contains(u.Id) || u.Email == newcomer)
                .OrderBy(u => u.Id)
                .Select(u => $"{u.Id} {u.ConcurrencyStamp} {u.SecurityStamp} {u.DisabledAt} {u.AccessFailedCount}")
                .ToListAsync();
            var roles = await db.UserRoles.AsNoTracking().CountAsync(r => people.Contains(r.UserId));
            var memberships = await db.SpaceMemberships.AsNoTracking()
                .Where(m => people.Contains(m.MonimeerId))
                .OrderBy(m => m.SpaceId).ThenBy(m => m.MonimeerId)
                .Select(m => $"{m.SpaceId} {m.MonimeerId} {m.Role}")
                .ToListAsync();
            var audit = await db.AuditEvents.AsNoTracking()
                .CountAsync(e => people.Contains(e.ActorId!) || people.Contains(e.SubjectUserId!)
                    || e.OrganizationId == admin.OrganizationId);
            return string.Join("\n", [.. tokens, .. users, $"roles {roles}", .. memberships, $"audit {audit}"]);
        });

    /// <summary>Every page route with each of its POST handlers, found by reflection: new pages are covered.</summary>
    private List<(string Route, string Handler)> PostHandlers(Guid? id = null)
    {
        const string PagesNamespace = "Monime.Portal.Web.Pages";
        var routeId = (id ?? Guid.NewGuid()).ToString();
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Page: e.Metadata.GetMetadata<PageActionDescriptor>(), Endpoint: e))
            .Where(e => e.Page is not null)
            .Select(e => (e.Page!.ViewEnginePath,
                Route: "/" + e.Endpoint.RoutePattern.RawText!.Replace("{id}", routeId, StringComparison.Ordinal)
                    .Replace("{id:guid}", routeId, StringComparison.Ordinal)))
            .GroupBy(e => e.ViewEnginePath)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Route.Length).First().Route);

        var pageModels = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel))
                && t.Namespace!.StartsWith(PagesNamespace, StringComparison.Ordinal));
        var handlers = new List<(string, string)>();
        foreach (var model in pageModels)
        {
            var path = model.Namespace![PagesNamespace.Length..].Replace('.', '/') + "/"
                + model.Name[..^"Model".Length];
            if (!routes.TryGetValue(path, out var route))
            {
                continue;
            }

            var declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly;
            foreach (var method in model.GetMethods(declared)
                         .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var handler = method.Name["OnPost".Length..];
                handlers.Add((route, handler.EndsWith("Async", StringComparison.Ordinal) ? handler[..^5] : handler));
            }
        }

        return handlers;
    }
}
