using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Hosting;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> set, the keys stored in PostgreSQL are encrypted to the certificate,
/// so a dump of the database holds no master key, and another instance with the certificate still reads them.
/// Each test has a database of its own: keys encrypted to a certificate no other host has would be unreadable
/// to every other test's host sharing the key table.
/// </summary>
public sealed class DataProtectionKeyEncryptionTests
{
    [Fact]
    public async Task StoredKey_WithCertificateConfigured_IsEncryptedAndReadByAnotherInstance()
    {
        var connectionString = await TestDatabase.CreateIsolatedAsync("dpkeys");
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(Path.GetTempPath(), $"monime-dp-{Guid.NewGuid():N}.pfx");
        using var certificate = SelfSignedCertificate();
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, password));
        try
        {
            string payload;
            await using (var first = await StartAsync(connectionString, path, password))
            {
                payload = Protector(first).Protect("session of a signed-in Monimeer");
            }

            await using var second = await StartAsync(connectionString, path, password);
            var unprotected = Protector(second).Unprotect(payload);
            var stored = await StoredKeysAsync(connectionString);

            Assert.Equal("session of a signed-in Monimeer", unprotected);
            Assert.NotEmpty(stored);
            Assert.All(stored, xml =>
            {
                Assert.Contains("<encryptedSecret", xml, StringComparison.Ordinal);
                Assert.Contains(Convert.ToBase64String(certificate.RawData), xml, StringComparison.Ordinal);
                Assert.DoesNotContain("<masterKey", xml, StringComparison.Ordinal);
            });
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(
            "CN=Monime Portal test data protection", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
    }

    private static async Task<CertificateFactory> StartAsync(string connectionString, string path, string password)
    {
        var factory = new CertificateFactory(connectionString, path, password);
        await factory.InitializeAsync();
        _ = factory.Services;
        return factory;
    }

    private static IDataProtector Protector(PortalAppFactory factory) =>
        factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("monime-test");

    private static async Task<List<string>> StoredKeysAsync(string connectionString)
    {
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString).Options);
        return await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
    }

    private sealed class CertificateFactory(string connectionString, string path, string password) : PortalAppFactory
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = path,
            ["DataProtection:CertificatePassword"] = password,
        };

        public override Task InitializeAsync()
        {
            UseConnectionString(connectionString);
            return Task.CompletedTask;
        }
    }
}
