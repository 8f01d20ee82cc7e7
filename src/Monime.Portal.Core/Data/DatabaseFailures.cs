using Npgsql;

namespace Monime.Portal.Data;

/// <summary>
/// Tells a database that did not answer (a dropped connection, a timeout, retries given up) from a bug, so a
/// page can say "try again" for the one and keep the generic error page for the other.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>
    /// True for Npgsql and timeout failures, also when EF Core wraps them (an update exception, or the
    /// retrying strategy's "retry limit exceeded").
    /// </summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException
        || (exception.InnerException is { } inner && IsDatabaseFailure(inner));
}
