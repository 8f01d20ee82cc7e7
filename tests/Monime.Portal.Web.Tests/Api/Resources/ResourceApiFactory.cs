using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Api.Resources;

/// <summary>
/// The real application, reached by programs with real bearer tokens (see <see cref="ResourceApiClient"/>).
/// Per-token rate limits are lifted: these tests make calls in quick bursts and test resources, not limits.
/// </summary>
public sealed class ResourceApiFactory : PortalAppFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Api:RateLimits:LivePerSecond"] = "10000",
        ["Api:RateLimits:TestPerSecond"] = "10000",
    };
}
