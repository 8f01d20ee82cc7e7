using Monime.Portal.Testing;

namespace Monime.Portal.Core.Tests;

/// <summary>Service tests share one application host for its container; each makes its own users.</summary>
[CollectionDefinition(Name)]
public sealed class CoreCollection : ICollectionFixture<PortalAppFactory>
{
    public const string Name = "Core";
}
