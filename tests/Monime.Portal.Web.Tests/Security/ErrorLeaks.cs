using System.Text.RegularExpressions;

namespace Monime.Portal.Web.Tests.Security;

/// <summary>
/// What an error answer must not carry: stack frames and source paths, SQL text or PostgreSQL's own words, and
/// exception type names. Each pattern names what it found, so a failure says what leaked.
/// </summary>
internal static partial class ErrorLeaks
{
    public static IReadOnlyList<string> Find(string body) =>
    [
        .. Patterns().SelectMany(pattern => pattern.Matches(body).Select(match => $"{pattern}: {match.Value}")),
    ];

    private static IEnumerable<Regex> Patterns() =>
    [
        StackFrame(), SourceLine(), SourcePath(), SqlKeyword(), PostgresText(), ExceptionName(), Internals(),
    ];

    [GeneratedRegex(@"\bat [A-Z][\w.`<>$]+\(")]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\.cs:line \d+")]
    private static partial Regex SourceLine();

    [GeneratedRegex(@" in /[^\s""<]+")]
    private static partial Regex SourcePath();

    [GeneratedRegex(@"\b(SELECT|INSERT|UPDATE|DELETE|FROM|WHERE|JOIN)\b")]
    private static partial Regex SqlKeyword();

    [GeneratedRegex(@"relation ""|SQLSTATE|42P01|syntax error at")]
    private static partial Regex PostgresText();

    [GeneratedRegex(@"\b[A-Z]\w*Exception\b")]
    private static partial Regex ExceptionName();

    [GeneratedRegex(@"Npgsql|EntityFrameworkCore|Monime\.Portal\.|System\.[A-Z]")]
    private static partial Regex Internals();
}
