namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>The resource tests share one host; each makes its own Spaces, so none sees another's rows.</summary>
[CollectionDefinition(Name)]
public sealed class ResourceApiCollection : ICollectionFixture<ResourceApiFactory>
{
    public const string Name = "ResourceApi";
}
