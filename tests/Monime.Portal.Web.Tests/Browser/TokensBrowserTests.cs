using System.Text.RegularExpressions;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class TokensBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
    : BrowserTest(fixture)
{
    [Fact]
    public async Task CreateDialog_TestAndLiveTokens_AreCreatedCopiedListedRotatedAndRevoked()
    {
        var user = await Fixture.CreateUserAsync();
        Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await SignInAsync(user);
        await Page.GotoAsync("/Tokens");
        await ScreenshotAsync("01-empty");

        // A test token: the switch is on, so expiry is pinned and the whitelists are off.
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create token" }).First.ClickAsync();
        await Page.GetByLabel("Token name").FillAsync("Checkout sandbox");
        var expiryPinned = await Page.GetByLabel("Expiry", new() { Exact = true }).IsDisabledAsync();
        var ipDisabled = await Page.GetByLabel("Whitelist IP addresses").IsDisabledAsync();
        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Payments ") }).CheckAsync();
        var payoutsHidden = await Page.Locator("[data-permission-group=payouts]").IsHiddenAsync();
        await Page.GetByLabel("payments:read").CheckAsync();
        await Page.GetByLabel("payments:write").CheckAsync();
        var pillsBefore = await Page.Locator(".pill-removable").CountAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Remove payments:write" }).ClickAsync();
        var pillsAfter = await Page.Locator(".pill-removable").CountAsync();
        var writeChecked = await Page.GetByLabel("payments:write").IsCheckedAsync();
        await ScreenshotAsync("02-create-test");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var testSecret = await Page.Locator("#token-value").InputValueAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).First.ClickAsync();
        var testClipboard = await Page.EvaluateAsync<string>("navigator.clipboard.readText()");
        await ScreenshotAsync("03-secret-test");

        // A live token: switch off, a year, one Space chosen through the combobox, an IP range.
        await Page.GotoAsync("/Tokens/Create");
        await Page.GetByLabel("Token name").FillAsync("Main Website Integration");
        await Page.GetByRole(AriaRole.Switch, new() { Name = "Test mode" }).UncheckAsync();
        await Page.GetByLabel("Expiry", new() { Exact = true }).SelectOptionAsync("OneYear");
        var combobox = Page.GetByRole(AriaRole.Combobox, new() { Name = "Whitelist Space" });
        await combobox.FillAsync(user.SpaceId[..8]);
        await Page.GetByRole(AriaRole.Option, new() { NameRegex = new Regex(Regex.Escape(user.SpaceId)) }).ClickAsync();
        var comboboxText = await combobox.InputValueAsync();
        await Page.GetByLabel("Whitelist IP addresses").FillAsync("203.0.113.0/24");
        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Customers ") }).CheckAsync();
        await Page.GetByLabel("customers:read").CheckAsync();
        await ScreenshotAsync("04-create-live");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var liveSecret = await Page.Locator("#token-value").InputValueAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Copy", Exact = true }).First.ClickAsync();
        var liveClipboard = await Page.EvaluateAsync<string>("navigator.clipboard.readText()");

        // Listed, then rotated with an hour of grace, then the replacement revoked with a reason.
        await Page.GotoAsync("/Tokens");
        var listed = await Page.Locator("tbody tr").CountAsync();
        var listHtml = await Page.ContentAsync();
        await ScreenshotAsync("05-list");
        await Page.GetByRole(AriaRole.Link, new() { Name = "Main Website Integration" }).ClickAsync();
        await Page.GetByLabel("Old token keeps working").SelectOptionAsync("OneHour");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Rotate token" }).ClickAsync();
        var rotatedSecret = await Page.Locator("#token-value").InputValueAsync();
        await ScreenshotAsync("06-rotated");
        await Page.GetByRole(AriaRole.Link, new() { Name = "I have copied it, show the token" }).ClickAsync();
        await Page.GetByLabel("Reason").FillAsync("Replaced by the new deployment");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke token" }).ClickAsync();
        var revokedBadge = await Page.Locator(".token-heading-meta .badge-revoked").InnerTextAsync();
        await ScreenshotAsync("07-revoked");

        Assert.True(expiryPinned && ipDisabled && payoutsHidden);
        Assert.Equal((2, 1, false), (pillsBefore, pillsAfter, writeChecked));
        Assert.Matches(TestToken(), testSecret);
        Assert.Equal(testSecret, testClipboard);
        Assert.Contains(user.SpaceId, comboboxText, StringComparison.Ordinal);
        Assert.Matches(LiveToken(), liveSecret);
        Assert.Equal(liveSecret, liveClipboard);
        Assert.Equal(2, listed);
        Assert.DoesNotContain(testSecret, listHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(liveSecret, listHtml, StringComparison.Ordinal);
        Assert.Matches(LiveToken(), rotatedSecret);
        Assert.NotEqual(liveSecret, rotatedSecret);
        Assert.Equal("REVOKED", revokedBadge);
    }

    [Fact]
    public async Task TokensPages_Axe_FindNoSeriousOrCriticalViolation()
    {
        var user = await Fixture.CreateUserAsync();
        await SignInAsync(user);

        await Page.GotoAsync("/Tokens");
        var emptyList = await SeriousViolationsAsync();
        await Page.GotoAsync("/Tokens/Create");
        var create = await SeriousViolationsAsync();
        await Page.GetByLabel("Token name").FillAsync("Accessible token");
        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Analytics ") }).CheckAsync();
        await Page.GetByLabel("analytics:read").CheckAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        var secret = await SeriousViolationsAsync();
        await Page.GetByRole(AriaRole.Link, new() { Name = "I have copied it, show the token" }).ClickAsync();
        var details = await SeriousViolationsAsync();
        await ScreenshotAsync("axe-details");
        await Page.GotoAsync("/Tokens");
        var list = await SeriousViolationsAsync();

        Assert.Empty(emptyList);
        Assert.Empty(create);
        Assert.Empty(secret);
        Assert.Empty(details);
        Assert.Empty(list);
    }

    [Fact]
    public async Task RevealedSecret_BackAfterSignOut_IsNotShownAgain()
    {
        var user = await Fixture.CreateUserAsync();
        await SignInAsync(user);
        await Page.GotoAsync("/Tokens/Create");
        await Page.GetByLabel("Token name").FillAsync("Shown once");
        await Page.GetByRole(AriaRole.Checkbox, new() { NameRegex = new Regex("^Analytics ") }).CheckAsync();
        await Page.GetByLabel("analytics:read").CheckAsync();

        // The secret is shown once, on the answer to the form's POST.
        var reveal = await Page.RunAndWaitForResponseAsync(
            () => Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync(),
            response => response.Request.Method == "POST"
                && response.Url.Contains("/Tokens/Create", StringComparison.Ordinal));
        var cacheControl = await reveal.HeaderValueAsync("cache-control");
        var secret = await Page.Locator("#token-value").InputValueAsync();
        // Each step waits for its page, or the sign-out click could land on the reveal page still showing.
        await Page.GetByRole(AriaRole.Link, new() { Name = "I have copied it, show the token" }).ClickAsync();
        await WaitForPageAsync(new Regex("/Tokens/[0-9a-f-]{36}$"));
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await WaitForPageAsync("**/Account/Logout");

        // Back through the token's page to the reveal page and the form before it: none may bring the secret back.
        var pagesAfterBack = new List<(string Url, string Html, string? Error)>();
        for (var step = 0; step < 3; step++)
        {
            string? error = null;
            try
            {
                await Page.GoBackAsync(new() { WaitUntil = WaitUntilState.Load });
            }
            catch (PlaywrightException exception)
            {
                // Chromium may refuse to show a no-store POST answer again (net::ERR_CACHE_MISS).
                error = exception.Message.Split('\n')[0];
            }

            pagesAfterBack.Add((Page.Url, await SettledContentAsync(), error));
            await ScreenshotAsync($"back-after-sign-out-{step + 1}");
        }

        var showing = pagesAfterBack.Count(page => page.Html.Contains(secret, StringComparison.Ordinal));
        output.WriteLine($"F2: secret shown on {showing} of {pagesAfterBack.Count} pages reached by Back after " +
            $"sign-out; reveal Cache-Control '{cacheControl}'; " +
            string.Join("; ", pagesAfterBack.Select(page => $"{page.Url} {page.Error ?? "loaded"}")));

        Assert.Matches(TestToken(), secret);
        Assert.Contains("no-store", cacheControl, StringComparison.Ordinal);
        Assert.Equal(0, showing);
        Assert.All(pagesAfterBack, page => Assert.DoesNotContain("token-value", page.Html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TokenPages_NamesHoldingScript_RunNoScriptAndReportNoPolicyViolation()
    {
        string[] names =
        [
            "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\" onmouseover=\"alert(3)",
            "</textarea><svg onload=alert(4)>",
        ];
        var user = await Fixture.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        var tokens = new List<AccessToken>();
        foreach (var name in names)
        {
            tokens.Add(await Fixture.CreateTokenAsync(user, name));
        }

        await Fixture.RecordAsync([UsageSeed.Call(tokens[0].Id, DateTimeOffset.UtcNow.AddMinutes(-5))]);
        var dialogs = new List<string>();
        var policyMessages = new List<string>();
        Page.Dialog += (_, dialog) =>
        {
            dialogs.Add($"{Page.Url}: {dialog.Type} {dialog.Message}");
            _ = dialog.DismissAsync();
        };
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                policyMessages.Add($"{Page.Url}: {message.Text}");
            }
        };

        // Violations the console might not print are counted by the page itself, from its first script on.
        await Page.Context.AddInitScriptAsync(
            "window.__violations = [];" +
            "document.addEventListener('securitypolicyviolation', " +
            "e => window.__violations.push(e.violatedDirective));");
        await SignInAsync(user);
        var pages = new List<string> { "/Tokens", "/Admin/Tokens", "/Ops", "/Developer" };
        pages.AddRange(tokens.SelectMany(t =>
            new[] { $"/Tokens/{t.Id}", $"/Tokens/{t.Id}/Explain", $"/Usage/Token/{t.Id}" }));

        var violations = 0;
        var shownAsText = 0;
        foreach (var path in pages)
        {
            await Page.GotoAsync(path);
            await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            foreach (var link in await Page.Locator("a.token-name, td a, h1").AllAsync())
            {
                await link.HoverAsync();
            }

            violations += await Page.EvaluateAsync<int>("window.__violations.length");
            shownAsText += await Page.GetByText(names[0]).CountAsync();
        }

        await Page.GotoAsync("/Tokens");
        await ScreenshotAsync("hostile-names");
        var consoleViolations = policyMessages.ToList();

        // The control: markup put into the page unencoded, as a broken template would, is seen by the counter.
        await Page.EvaluateAsync(
            "document.body.insertAdjacentHTML('beforeend', '<img src=\"x\" onerror=\"alert(5)\">')");
        await Page.WaitForFunctionAsync("window.__violations.length > 0", null, new() { Timeout = 10_000 });
        var control = await Page.EvaluateAsync<int>("window.__violations.length");

        output.WriteLine($"D1: script executions (dialogs) = {dialogs.Count}, CSP violations = {violations} "
            + $"reported by the pages, {consoleViolations.Count} in the console, over {pages.Count} pages; the "
            + $"control's injected handler was blocked and counted {control} time(s)");
        Assert.Equal(1, control);
        Assert.Empty(dialogs);
        Assert.Empty(consoleViolations);
        Assert.Equal(0, violations);
        Assert.True(shownAsText >= 3, $"The script name was shown as text on only {shownAsText} pages.");
    }

    /// <summary>The page's HTML once a navigation in progress (a history step that redirects) has settled.</summary>
    private async Task<string> SettledContentAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await Page.WaitForLoadStateAsync(LoadState.Load);
                return await Page.ContentAsync();
            }
            catch (PlaywrightException) when (attempt < 20)
            {
                await Task.Delay(100);
            }
        }
    }

    private async Task<List<string>> SeriousViolationsAsync()
    {
        var result = await Page.RunAxe();
        return [.. result.Violations
            .Where(violation => violation.Impact is "serious" or "critical")
            .Select(violation => $"{Page.Url}: {violation.Id} ({violation.Impact}): " +
                string.Join(", ", violation.Nodes.Select(node => node.Html)))];
    }

    [GeneratedRegex("^mon_test_[0-9A-Za-z]{31}$")]
    private static partial Regex TestToken();

    [GeneratedRegex("^mon_[0-9A-Za-z]{31}$")]
    private static partial Regex LiveToken();
}
