using System.Security.Cryptography;
using System.Text;

namespace Monime.Portal.Tokens;

/// <summary>
/// The verification cache's key for one exact token: its lookup id and a SHA-256 of its secret, never the secret.
/// SHA-256, not a fast hash, because a collision would let one secret ride on another's verification. The hash
/// code is computed once, since the key is looked up on every API call.
/// </summary>
internal sealed class VerificationKey : IEquatable<VerificationKey>
{
    private readonly int _hashCode;

    private VerificationKey(string lookupId, string secretDigest)
    {
        LookupId = lookupId;
        SecretDigest = secretDigest;
        _hashCode = HashCode.Combine(
            StringComparer.Ordinal.GetHashCode(lookupId), StringComparer.Ordinal.GetHashCode(secretDigest));
    }

    public string LookupId { get; }

    public string SecretDigest { get; }

    public static VerificationKey Of(string lookupId, string secret) =>
        new(lookupId, Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret))));

    public bool Equals(VerificationKey? other) =>
        other is not null && (ReferenceEquals(this, other)
            || (_hashCode == other._hashCode && string.Equals(LookupId, other.LookupId, StringComparison.Ordinal)
                && string.Equals(SecretDigest, other.SecretDigest, StringComparison.Ordinal)));

    public override bool Equals(object? obj) => Equals(obj as VerificationKey);

    public override int GetHashCode() => _hashCode;

    public override string ToString() => LookupId;
}
