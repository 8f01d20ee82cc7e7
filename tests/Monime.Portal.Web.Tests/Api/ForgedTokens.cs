using System.Text;
using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// Builds well-formed tokens with valid checksums from any lookup id and secret, with an independent CRC-32
/// reduced modulo 62^4, the way an attacker or a secret scanner would from the published format.
/// </summary>
internal static class ForgedTokens
{
    public static string Compose(TokenMode mode, string lookupId, string secret)
    {
        var unsigned = TokenFormat.PrefixOf(mode) + lookupId + secret;
        var modulus = (uint)Math.Pow(62, TokenFormat.ChecksumLength);
        var checksum = Crc32(Encoding.ASCII.GetBytes(unsigned)) % modulus;
        return unsigned + Base62.Encode(checksum, TokenFormat.ChecksumLength);
    }

    public static string Random(TokenMode mode = TokenMode.Live) =>
        Compose(mode, Base62.Random(TokenFormat.LookupLength), Base62.Random(TokenFormat.SecretLength));

    /// <summary>Same lookup id, another secret: a wrong secret for a real token.</summary>
    public static string WithWrongSecret(string token)
    {
        var parsed = Parse(token);
        return Compose(parsed.Mode, parsed.LookupId, Base62.Random(TokenFormat.SecretLength));
    }

    public static ParsedToken Parse(string token) =>
        TokenFormat.TryParse(token, out var parsed)
            ? parsed
            : throw new ArgumentException("Not a token.", nameof(token));

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }
}
