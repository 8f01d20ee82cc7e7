using System.Globalization;
using System.Text;

namespace Monime.Portal.Usage;

/// <summary>
/// Per-token totals as CSV (RFC 4180). Token names and emails are typed by people, so a cell that a spreadsheet
/// would read as a formula (starting with = + - @, a tab or a carriage return) is prefixed with a quote.
/// </summary>
public static class UsageCsv
{
    private static readonly string[] s_header =
    [
        "token_id", "name", "token", "mode", "owner_email", "space_id", "calls", "errors", "error_rate",
        "last_used_at",
    ];

    public static string Write(IEnumerable<TokenUsageTotal> totals)
    {
        var text = new StringBuilder();
        AppendRow(text, s_header);
        foreach (var total in totals)
        {
            AppendRow(text,
            [
                total.TokenId.ToString("D"),
                total.Name,
                total.Masked,
                total.Mode.ToString().ToLowerInvariant(),
                total.OwnerEmail,
                total.SpaceId ?? "",
                total.Calls.ToString(CultureInfo.InvariantCulture),
                total.Errors.ToString(CultureInfo.InvariantCulture),
                total.ErrorRate.ToString("0.####", CultureInfo.InvariantCulture),
                total.LastUsedAt?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
            ]);
        }

        return text.ToString();
    }

    public static string Cell(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
        return safe.AsSpan().IndexOfAny(",\"\r\n") >= 0
            ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : safe;
    }

    private static void AppendRow(StringBuilder text, IEnumerable<string> cells) =>
        text.Append(string.Join(',', cells.Select(Cell))).Append("\r\n");
}
