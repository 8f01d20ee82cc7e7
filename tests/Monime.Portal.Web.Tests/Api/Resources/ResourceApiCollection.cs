namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>The resource tests share one host; each test makes its own Spaces, so no test sees another's rows.</summary>
[CollectionDefinition(Name)]
public sealed class ResourceApiCollection : ICollectionFixture<ResourceApiFactory>
{
    public const string Name = "ResourceApi";
}
