using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;
using Monime.Portal.Data;

namespace Monime.Portal.Web.Hosting;

public static class DataProtectionExtensions
{
    /// <summary>
    /// Keys in PostgreSQL, so that every instance reads the cookies and antiforgery tokens another one issued,
    /// encrypted with the certificate of <see cref="DataProtectionKeyOptions"/> when one is configured.
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(
        this IServiceCollection services, IConfiguration configuration)
    {
        var keys = services.AddDataProtection()
            .SetApplicationName("monime-portal")
            .PersistKeysToDbContext<PortalDbContext>();

        // Without a certificate a key's master secret sits in plain form in its row, so whoever reads a dump of
        // the database can forge sessions and antiforgery tokens: production configures one. Development runs
        // without, and the framework warns about it at start. A file that is named but missing stops the start.
        var options = configuration.GetSection(DataProtectionKeyOptions.Section).Get<DataProtectionKeyOptions>();
        if (options is { CertificatePath: { Length: > 0 } path })
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            keys.ProtectKeysWithCertificate(certificate);
        }

        return services;
    }
}
