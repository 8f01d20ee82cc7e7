namespace Monime.Portal.Web.Tests.Api;

/// <summary>API tests share one host; Argon2id counters are read around each test's own calls only.</summary>
[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiAppFactory>
{
    public const string Name = "Api";
}
