using System.Diagnostics.CodeAnalysis;

namespace Monime.Portal.Tokens;

/// <summary>
/// <c>mon_</c> or <c>mon_test_</c>, then 31 base62 characters: a 5-character public lookup id that
/// finds the row in one indexed read, a 22-character secret (131 bits from the CSPRNG) and a
/// 4-character checksum of everything before it. The checksum lets a typo or a random string be
/// refused without touching the database, and lets secret scanners confirm a match offline.
/// </summary>
/// <remarks>
/// The page fixes the 31 characters, so bits given to the secret come from the lookup id and the checksum.
/// 62^5 lookup ids collide now and then at scale (about once per thousand issues at a million tokens), so
/// <see cref="TokenService"/> issues again when the unique index refuses one. The checksum is the CRC-32
/// reduced modulo 62^4: a random or mistyped body still passes with a chance of 1 in 14.8 million.
/// Tokens of the earlier 8 + 17 + 6 layout fail that checksum and are no longer accepted.
/// </remarks>
public static class TokenFormat
{
    public const string LivePrefix = "mon_";

    public const string TestPrefix = "mon_test_";

    public const int LookupLength = 5;

    public const int SecretLength = 22;

    public const int ChecksumLength = 4;

    /// <summary>62^4, all that <see cref="ChecksumLength"/> base62 digits hold: the CRC-32 is reduced to it.</summary>
    public const uint ChecksumModulus = 62 * 62 * 62 * 62;

    public const int BodyLength = LookupLength + SecretLength + ChecksumLength;

    /// <summary>The longest token the parser will look at; anything longer is refused unread.</summary>
    public const int MaxLength = 9 + BodyLength;

    public static string PrefixOf(TokenMode mode) => mode == TokenMode.Test ? TestPrefix : LivePrefix;

    public static IssuedToken Issue(TokenMode mode)
    {
        var lookupId = Base62.Random(LookupLength);
        var secret = Base62.Random(SecretLength);

        return new IssuedToken(mode, lookupId, secret, Compose(mode, lookupId, secret));
    }

    /// <summary>The token text for these parts, checksum included. The parts must already be base62 of the
    /// right lengths; this is how a token is written, not a check of one.</summary>
    public static string Compose(TokenMode mode, string lookupId, string secret)
    {
        var unsigned = PrefixOf(mode) + lookupId + secret;
        return unsigned + Checksum(unsigned);
    }

    /// <summary>
    /// Parses without any I/O. The test prefix is tried first because the live prefix is a prefix of it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> value, [NotNullWhen(true)] out ParsedToken? token)
    {
        token = null;
        TokenMode mode;
        int prefixLength;
        if (value.StartsWith(TestPrefix, StringComparison.Ordinal))
        {
            (mode, prefixLength) = (TokenMode.Test, TestPrefix.Length);
        }
        else if (value.StartsWith(LivePrefix, StringComparison.Ordinal))
        {
            (mode, prefixLength) = (TokenMode.Live, LivePrefix.Length);
        }
        else
        {
            return false;
        }

        var body = value[prefixLength..];
        if (body.Length != BodyLength || !Base62.IsBase62(body))
        {
            return false;
        }

        var checkedPart = value[..^ChecksumLength];
        if (!body[^ChecksumLength..].SequenceEqual(Checksum(checkedPart)))
        {
            return false;
        }

        token = new ParsedToken(
            mode,
            body[..LookupLength].ToString(),
            body.Slice(LookupLength, SecretLength).ToString());
        return true;
    }

    /// <summary>What may be shown of a token after its creation: prefix and lookup id, never the secret.</summary>
    public static string Mask(TokenMode mode, string lookupId) => PrefixOf(mode) + lookupId + "…";

    private static string Checksum(ReadOnlySpan<char> text) =>
        Base62.Encode(Crc32.Compute(text) % ChecksumModulus, ChecksumLength);
}
