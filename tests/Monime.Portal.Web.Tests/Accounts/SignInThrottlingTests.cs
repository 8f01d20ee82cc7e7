using System.Net;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Accounts;

public sealed class SignInThrottlingTests : IClassFixture<SignInThrottlingTests.ThrottledFactory>
{
    private readonly ThrottledFactory _factory;

    public SignInThrottlingTests(ThrottledFactory factory) => _factory = factory;

    [Fact]
    public async Task SignIn_ManyAccountsFromOneAddress_Answers429WithRetryAfterNever503()
    {
        using var client = _factory.CreatePortalClient();
        var antiforgery = PortalClientExtensions.AntiforgeryToken(await client.GetStringAsync("/Account/Login"));
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;

        for (var i = 0; i < 200 && refused is null; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = $"stuffed-{i}-{Guid.NewGuid():N}@example.test",
                ["Input.Password"] = "guessed password",
                ["__RequestVerificationToken"] = antiforgery,
            });
            var response = await client.PostAsync("/Account/Login", form);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }

        Assert.NotNull(refused);
        var retryAfter = refused.Headers.GetValues("Retry-After").Single();
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(9, statuses.Count(status => status == HttpStatusCode.OK));
        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, statuses);
        refused.Dispose();
    }

    public sealed class ThrottledFactory : PortalAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["AccountSecurity:SignInRequestsPerMinute"] = "10",
        };
    }
}
