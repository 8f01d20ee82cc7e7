using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Hosting;

[Collection(PortalCollection.Name)]
public sealed class AntiforgeryTests(PortalAppFactory factory)
{
    [Fact]
    public async Task EveryPostHandler_WithoutAntiforgeryToken_Answers400()
    {
        var handlers = PostHandlers();
        var user = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var accepted = new List<string>();
        foreach (var (route, handler) in handlers)
        {
            var url = handler.Length == 0 ? route : $"{route}?handler={handler}";
            using var content = new FormUrlEncodedContent([new("reason", "no token")]);
            using var response = await client.PostAsync(url, content);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{url} -> {(int)response.StatusCode}");
            }
        }

        Assert.NotEmpty(handlers);
        Assert.Empty(accepted);
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

    /// <summary>Every page route with each of its POST handlers, discovered so that new pages are covered too.</summary>
    private List<(string Route, string Handler)> PostHandlers()
    {
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>()!.ViewEnginePath,
                Route: "/" + e.RoutePattern.RawText!.Replace("{id}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
                    .Replace("{id:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)))
            .GroupBy(e => e.ViewEnginePath)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(e => e.Route.Length).First().Route);

        var pageModels = typeof(Program).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(PageModel)) && t.Namespace!.StartsWith("Monime.Portal.Web.Pages", StringComparison.Ordinal));
        var handlers = new List<(string, string)>();
        foreach (var model in pageModels)
        {
            var path = model.Namespace!["Monime.Portal.Web.Pages".Length..].Replace('.', '/') + "/"
                + model.Name[..^"Model".Length];
            if (!routes.TryGetValue(path, out var route))
            {
                continue;
            }

            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var handler = method.Name["OnPost".Length..];
                handlers.Add((route, handler.EndsWith("Async", StringComparison.Ordinal) ? handler[..^5] : handler));
            }
        }

        return handlers;
    }
}
