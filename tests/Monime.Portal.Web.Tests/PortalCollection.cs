using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests;

/// <summary>Tests of the portal share one application host; each makes its own users and data.</summary>
[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Portal";
}
