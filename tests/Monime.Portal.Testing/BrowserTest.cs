using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit;

namespace Monime.Portal.Testing;

/// <summary>
/// Base of every browser test: a fresh browser context and page per test, and a screenshot of the page as
/// the test left it, saved under <c>artifacts/screenshots</c> for a person to look at.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    private IBrowserContext? _context;

    protected BrowserFixture Fixture { get; } = fixture;

    protected IPage Page { get; private set; } = null!;

    public static string ScreenshotDirectory
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Monime.Portal.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory?.FullName ?? AppContext.BaseDirectory, "artifacts", "screenshots");
        }
    }

    public async Task InitializeAsync()
    {
        _context = await Fixture.NewContextAsync();
        Page = await _context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
    }

    protected async Task<string> ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, $"{GetType().Name}-{name}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    protected async Task SignInAsync(TestUser user)
    {
        await Page.GotoAsync("/Account/Login");
        await Page.GetByLabel("Email").FillAsync(user.Email);
        await Page.GetByLabel("Password").FillAsync(user.Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        // Sign-in hashes the password (PBKDF2); on a loaded 2-core CI machine that can take far longer than usual.
        await WaitForPageAsync("**/Developer", timeout: 90_000);
    }

    /// <summary>Waits until the page has moved to a URL matching the glob and that page has fully loaded.</summary>
    protected async Task WaitForPageAsync(string urlGlob, float timeout = 30_000)
    {
        await Page.WaitForURLAsync(urlGlob, new() { Timeout = timeout, WaitUntil = WaitUntilState.Commit });
        await LoadedAsync(timeout);
    }

    /// <inheritdoc cref="WaitForPageAsync(string, float)"/>
    protected async Task WaitForPageAsync(Regex url, float timeout = 30_000)
    {
        await Page.WaitForURLAsync(url, new() { Timeout = timeout, WaitUntil = WaitUntilState.Commit });
        await LoadedAsync(timeout);
    }

    /// <summary>
    /// Reads the document's state instead of waiting for its load event. A CI run once saw WaitForURLAsync's wait
    /// for the load event outlast its 90 s timeout while Playwright logged the page's later network-idle event
    /// and the portal had answered the page in 26 ms; polling the document cannot miss an event.
    /// </summary>
    private async Task LoadedAsync(float timeout) =>
        await Page.WaitForFunctionAsync("document.readyState === 'complete'", null,
            new() { Timeout = timeout, PollingInterval = 50 });
}
