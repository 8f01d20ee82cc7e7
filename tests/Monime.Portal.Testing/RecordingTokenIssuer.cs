using Monime.Portal.Tokens;

namespace Monime.Portal.Testing;

/// <summary>
/// Issues as the portal does and writes each secret to a file, so that the secret scan at the end of
/// <c>scripts/test</c> can look for every secret of the run, bare or in a whole token, in its logs, its
/// database dump and the repository. On only when <see cref="DirectoryVariable"/> names a directory.
/// </summary>
public sealed class RecordingTokenIssuer(ITokenIssuer inner, string path) : ITokenIssuer
{
    public const string DirectoryVariable = "MONIME_TEST_ISSUED_SECRETS";

    // Hosts of one test process share the file; each process has its own, so no two processes append to one.
    private static readonly Lock s_write = new();

    public static string? PathForThisProcess =>
        Environment.GetEnvironmentVariable(DirectoryVariable) is { Length: > 0 } directory
            ? Path.Combine(directory, $"{Environment.ProcessId}.txt")
            : null;

    public IssuedToken Issue(TokenMode mode)
    {
        var issued = inner.Issue(mode);
        lock (s_write)
        {
            File.AppendAllText(path, issued.Secret + "\n");
        }

        return issued;
    }
}
