using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests;

/// <summary>Browser tests share one Kestrel server and one Chromium; each test gets its own browser context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
