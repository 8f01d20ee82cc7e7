using Microsoft.Playwright;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class SignInBrowserTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SignIn_InChromium_ShowsSpacesAndCopiesASpaceId()
    {
        var user = await Fixture.CreateUserAsync();

        await SignInAsync(user);
        await Page.GetByRole(AriaRole.Button, new() { NameRegex = new("Copy the ID") }).First.ClickAsync();
        var clipboard = await Page.EvaluateAsync<string>("navigator.clipboard.readText()");
        await ScreenshotAsync("spaces");

        Assert.Equal("Your Spaces", await Page.Locator("h1").InnerTextAsync());
        Assert.Equal(user.SpaceId, clipboard);
    }
}
