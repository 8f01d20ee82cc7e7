using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// Hostile query-string values for filters, sorts, searches and pages, drawn from a seeded
/// <see cref="Random"/> so that a failing run can be replayed exactly. Values are returned already
/// percent-encoded; a few are deliberately broken encodings that the server must decode by itself.
/// </summary>
internal static class QueryFuzzValues
{
    private static readonly string[] s_injections =
    [
        "' OR '1'='1", "' OR 1=1 --", "\" OR \"\"=\"", "'; DROP TABLE \"AccessTokens\"; --",
        "1; DELETE FROM \"AuditEvents\"; --", "admin'--", "1' UNION SELECT null, version() --",
        "') OR pg_sleep(10) --", "%' AND 1=1 --", "x' AND (SELECT count(*) FROM \"AspNetUsers\") > 0 --",
        "1)) OR ((1=1", "'||(SELECT current_user)||'", "$1", "$$ OR 1=1 $$", "E'\\x27'", "\\'", "\\",
        "%", "%%", "_", "*", "[a-z]", "^.*$", "{\"$gt\": \"\"}", "${jndi:ldap://x/a}",
        "<script>alert(1)</script>",
        "../../etc/passwd", "name desc; --", "Id DESC", "CreatedAt,Id", "ORDER BY 1", "1 ASC, (SELECT 1)",
    ];

    private static readonly string[] s_text =
    [
        "", " ", "'", "\"", "`", "''", "\\\"", "é", "日本語", "🔑", "\u202Egnp.exe", "\u200B", "İ", "ß", "\uFEFF",
        "\0", "a\0b", "\u0001", "\r\n", "line\r\nforged: entry", "\t", "\u001B[31m", "\u007F", "\u2028", "null",
        "undefined", "true", "[]", "{}",
    ];

    private static readonly string[] s_numbers =
    [
        "-1", "0", "1", "2", "50", "51", "2147483647", "2147483648", "-2147483648", "99999999999999999999", "1e308",
        "NaN", "Infinity", "0x10", "1.5", "+5", " 5", "5 ", "٣", "1,000", "-0", "00000000001",
    ];

    private static readonly string[] s_dates =
    [
        "9999-12-31", "0001-01-01", "2027-02-30", "10000-01-01", "-0001-01-01", "2025-08-23T00:00:00Z",
        "2025-08-23T99:00:00+25:00", "yesterday", "31/12/2027", "1970-01-01", "0000-00-00", "2025-08-23 00:00",
    ];

    private static readonly string[] s_enums =
    [
        "Active", "Expired", "Revoked", "active", "ACTIVE", "Live", "Test", "live,test", "Live&mode=Test", "7", "-1",
        "Last24Hours", "Last7Days", "Last30Days", "All", "Csv", "Revoke", "organization", "Organization", "mine",
    ];

    // Broken percent-encodings, sent as they are: the server's decoding must cope.
    private static readonly string[] s_rawEncodings =
        ["%", "%%", "%zz", "%00", "%c0%80", "%ff%fe", "%ED%A0%80", "%u0027", "%2", "a%2", "%25%32%37"];

    public static string Next(Random random)
    {
        var kind = random.Next(10);
        return kind switch
        {
            0 or 1 => Encode(Pick(random, s_injections)),
            2 => Encode(Pick(random, s_text)),
            3 => Encode(Pick(random, s_numbers)),
            4 => Encode(Pick(random, s_dates)),
            5 => Encode(Pick(random, s_enums)),
            6 => Encode(Cursor(random)),
            7 => Pick(random, s_rawEncodings),
            8 => Encode(Guid(random)),
            _ => Encode(Long(random)),
        };
    }

    /// <summary>Cursors of both list kinds, well-formed or nearly so, with positions far outside any data.</summary>
    private static string Cursor(Random random)
    {
        var ticks = random.Next(4) switch
        {
            0 => long.MaxValue.ToString("x", CultureInfo.InvariantCulture),
            1 => "-1",
            2 => DateTimeOffset.MaxValue.UtcTicks.ToString("x", CultureInfo.InvariantCulture),
            _ => random.NextInt64().ToString("x", CultureInfo.InvariantCulture),
        };
        var id = random.Next(3) switch
        {
            0 => Guid(random).Replace("-", "", StringComparison.Ordinal),
            1 => "pmc-" + new string('z', random.Next(1, 300)),
            _ => Pick(random, s_injections),
        };
        var plain = $"{ticks}.{id}";
        return random.Next(3) switch
        {
            0 => plain,
            1 => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain)),
            _ => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(plain))[..^1] + "!",
        };
    }

    private static string Long(Random random) =>
        random.Next(3) switch
        {
            0 => new string('a', random.Next(256, 4_000)),
            1 => string.Concat(Enumerable.Repeat("' OR 1=1 -- ", random.Next(20, 200))),
            _ => string.Concat(Enumerable.Repeat("%_\\", random.Next(100, 1_000))),
        };

    private static string Guid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static string Encode(string value) => Uri.EscapeDataString(value);
}
