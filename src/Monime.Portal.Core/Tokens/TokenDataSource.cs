using Npgsql;

namespace Monime.Portal.Tokens;

/// <summary>
/// A plain Npgsql data source for the API's hot path: token lookups, NOTIFY and LISTEN. Unlike the DbContext it
/// has no retry strategy, so a database that is down is reported within the connect timeout instead of after
/// a minute of retries, and the API can answer 503 at once.
/// </summary>
public sealed class TokenDataSource(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = dataSource;

    public static TokenDataSource Create(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Timeout > 5)
        {
            builder.Timeout = 5;
        }

        return new TokenDataSource(NpgsqlDataSource.Create(builder.ConnectionString));
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
