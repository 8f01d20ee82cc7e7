using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiDocsPageTests(ApiAppFactory factory)
{
    [Fact]
    public async Task DocsApi_SignedIn_RendersOperationsPermissionsAndNoInlineScript()
    {
        var user = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync("/Docs/Api");

        Assert.Contains("GET /v1/tokens/self", html, StringComparison.Ordinal);
        Assert.Contains("payments:write", html, StringComparison.Ordinal);
        Assert.Contains("Monime-Space-Id", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Docs/Api\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://cdn", html, StringComparison.Ordinal);
    }
}
