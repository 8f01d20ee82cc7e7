namespace Monime.Portal.Web.Hosting;

/// <summary>Section "DataProtection": the certificate that encrypts the keys stored in PostgreSQL.</summary>
public sealed class DataProtectionKeyOptions
{
    public const string Section = "DataProtection";

    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key; unset keeps keys unencrypted.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}
