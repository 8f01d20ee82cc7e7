using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api.Program;

/// <summary>
/// The API driven as a program written for Monime's API would drive it: over real HTTPS, with the certificate
/// given to Kestrel through configuration only, bearer token and Space header, create, list with paging, get,
/// delete, an idempotent retry and a refusal.
/// </summary>
public sealed class HttpsProgramTests(HttpsProgramTests.HttpsKestrelFactory factory)
    : IClassFixture<HttpsProgramTests.HttpsKestrelFactory>
{
    [Fact]
    public async Task Program_OverHttpsWithConfiguredCertificate_UsesTheApiEndToEnd()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await ApiTestTokens.CreateAsync(factory, user, input =>
        {
            input.Permissions = ["payments:read", "payments:write"];
            input.Services = ["payments"];
        });
        using var client = factory.CreateHttpsClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("Monime-Space-Id", user.SpaceId);
        client.DefaultRequestHeaders.Add("Monime-Version", "caph.2025-08-23");

        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateCodeAsync(client, $"Order {i}", Guid.NewGuid().ToString()));
        }

        var key = Guid.NewGuid().ToString();
        var first = await CreateCodeAsync(client, "Retried order", key);
        var retried = await CreateCodeAsync(client, "Retried order", key);
        var firstPage = await client.GetFromJsonAsync<JsonObject>("/v1/payment-codes?limit=2");
        var next = (string?)firstPage!["pagination"]!["next"];
        var secondPage = await client.GetFromJsonAsync<JsonObject>($"/v1/payment-codes?limit=2&after={next}");
        var fetched = await client.GetFromJsonAsync<JsonObject>($"/v1/payment-codes/{ids[0]}");
        using var deleted = await client.DeleteAsync($"/v1/payment-codes/{ids[0]}");
        using var gone = await client.GetAsync($"/v1/payment-codes/{ids[0]}");
        using var refused = await client.PostAsJsonAsync("/v1/customers", new { name = "Not allowed" });

        Assert.Equal(first, retried);
        Assert.Equal(2, firstPage["result"]!.AsArray().Count);
        Assert.Equal(2, secondPage!["result"]!.AsArray().Count);
        Assert.Null((string?)secondPage["pagination"]!["next"]);
        Assert.Equal(ids[0], (string)fetched!["result"]!["id"]!);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("insufficient_scope", refused.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    private static async Task<string> CreateCodeAsync(HttpClient client, string name, string idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/payment-codes")
        {
            Content = JsonContent.Create(new { name, amount = new { currency = "SLE", value = 1500 } }),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)body!["result"]!["id"]!;
    }

    /// <summary>
    /// The portal on Kestrel with an HTTPS endpoint whose certificate comes from configuration
    /// (<c>Kestrel:Endpoints:Https:Certificate:Path</c>), as an operator would set it.
    /// </summary>
    public sealed class HttpsKestrelFactory : PortalAppFactory
    {
        private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"monime-{Guid.NewGuid():N}.pfx");
        private readonly X509Certificate2 _certificate = CreateCertificate();

        public Uri BaseAddress { get; private set; } = null!;

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Kestrel:Endpoints:Https:Url"] = "https://127.0.0.1:0",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = _certificatePath,
            ["Kestrel:Endpoints:Https:Certificate:Password"] = "test-only",
            ["Api:RateLimits:LivePerSecond"] = "10000",
        };

        public override async Task InitializeAsync()
        {
            await File.WriteAllBytesAsync(_certificatePath, _certificate.Export(X509ContentType.Pfx, "test-only"));
            await base.InitializeAsync();
            UseKestrel();
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!
                .Addresses.Single(a => a.StartsWith("https://", StringComparison.Ordinal));
            BaseAddress = new Uri(address);
        }

        public HttpClient CreateHttpsClient()
        {
            var expected = _certificate.GetCertHashString();
#pragma warning disable CA2000 // The client owns the handler and disposes it with itself.
            var handler = new HttpClientHandler
            {
                // Trust exactly the certificate given to Kestrel, as a program would pin a private CA.
                ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                    certificate?.GetCertHashString() == expected,
            };
#pragma warning restore CA2000
            return new HttpClient(handler, disposeHandler: true) { BaseAddress = BaseAddress };
        }

        public override async Task DisposeAsync()
        {
            await base.DisposeAsync();
            _certificate.Dispose();
            File.Delete(_certificatePath);
        }

        private static X509Certificate2 CreateCertificate()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
        }
    }
}
