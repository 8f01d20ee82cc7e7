using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Browser;

/// <summary>
/// Forms on another site, submitted by a signed-in Chromium: the browser itself decides which cookies go with
/// them, so this shows what SameSite and the antiforgery token do together.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class CrossSiteFormBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture)
{
    [Fact]
    public async Task FormOnAnotherSite_SubmittedBySignedInBrowser_ChangesNothing()
    {
        var user = await Fixture.CreateUserAsync();
        var (_, tokenId) = await ApiTestTokens.CreateAsync(Fixture, user);
        await SignInAsync(user);
        var portal = Fixture.BaseAddress.ToString().TrimEnd('/');
        var forms = new Dictionary<string, (string Action, Dictionary<string, string> Fields)>(StringComparer.Ordinal)
        {
            ["revoke"] = ($"{portal}/Tokens/{tokenId}?handler=Revoke", new() { ["Reason"] = "from another site" }),
            ["rotate"] = ($"{portal}/Tokens/{tokenId}?handler=Rotate", new() { ["Grace"] = "Now" }),
            ["create"] = ($"{portal}/Tokens/Create", new(TokenCreateForm.Live("Made by another site"))),
            ["sign-out"] = ($"{portal}/Account/Logout", []),
        };
        await Page.RouteAsync(EvilSite(), route =>
        {
            var (action, fields) = forms[new Uri(route.Request.Url).AbsolutePath.Trim('/')];
            return route.FulfillAsync(new() { ContentType = "text/html", Body = FormPage(action, fields) });
        });
        var before = await TokensAsync(user);

        // The person is lured to each page and presses its button.
        var answers = new List<string>();
        var cookiesSent = 0;
        foreach (var name in forms.Keys)
        {
            await Page.GotoAsync($"http://evil.test/{name}");
            var answer = await Page.RunAndWaitForResponseAsync(
                () => Page.GetByRole(AriaRole.Button, new() { Name = "Claim your prize" }).ClickAsync(),
                response => response.Request.Method == "POST"
                    && response.Url.StartsWith(portal, StringComparison.Ordinal));
            var cookie = await answer.Request.HeaderValueAsync("cookie");
            cookiesSent += string.IsNullOrEmpty(cookie) ? 0 : 1;
            answers.Add($"{name} {answer.Status} {answer.Headers.GetValueOrDefault("location")}");
        }

        await ScreenshotAsync("after-cross-site-forms");
        var after = await TokensAsync(user);
        await Page.GotoAsync("/Developer");
        var stillSignedIn = new Uri(Page.Url).AbsolutePath == "/Developer";
        var accepted = answers.Count(answer => !Refused().IsMatch(answer));
        output.WriteLine($"F3 cross-site browser forms: {accepted} accepted of {forms.Count} " +
            $"(cookies sent with {cookiesSent}); {string.Join("; ", answers)}; still signed in: {stillSignedIn}");

        Assert.Equal(0, accepted);
        Assert.Equal(before, after);
        Assert.True(stillSignedIn);
    }

    // Refused: 400 from the antiforgery check, or a redirect to sign-in because no session cookie came along.
    [GeneratedRegex(@"^\S+ (400 |302 .*/Account/Login)")]
    private static partial Regex Refused();

    [GeneratedRegex(@"^https?://evil\.test/")]
    private static partial Regex EvilSite();

    private static string FormPage(string action, Dictionary<string, string> fields) =>
        $"""
        <!doctype html><html><head><title>Free prize</title></head><body>
        <form method="post" action="{WebUtility.HtmlEncode(action)}">
        {string.Concat(fields.Select(field =>
            $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(field.Key)}\" " +
            $"value=\"{WebUtility.HtmlEncode(field.Value)}\">"))}
        <button type="submit">Claim your prize</button>
        </form></body></html>
        """;

    private Task<string> TokensAsync(TestUser user) =>
        Fixture.WithServicesAsync(async services =>
        {
            var rows = await services.GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking()
                .Where(t => t.OwnerId == user.Id)
                .OrderBy(t => t.Id)
                .Select(t => $"{t.Id} {t.Version} {t.RevokedAt} {t.ReplacedById}")
                .ToListAsync();
            return string.Join("\n", rows);
        });
}
