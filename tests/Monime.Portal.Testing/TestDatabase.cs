using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Npgsql;

namespace Monime.Portal.Testing;

/// <summary>
/// A database of its own for each test assembly, migrated once. Tests share it and keep apart by making
/// their own data (new emails, new Spaces), so no assertion depends on another test's rows.
/// </summary>
public static class TestDatabase
{
    private static readonly Lazy<Task<string>> s_connectionString = new(CreateAsync);

    public static Task<string> GetConnectionStringAsync() => s_connectionString.Value;

    /// <summary>A fresh, migrated database for a test that must own the whole schema (e.g. a row count).</summary>
    public static async Task<string> CreateIsolatedAsync(string purpose)
    {
        var server = await PostgresServer.GetConnectionStringAsync();
        var name = $"monime_{purpose}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        await using var db = new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>()
            .UseNpgsql(connectionString).Options);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public static async Task<PortalDbContext> OpenAsync()
    {
        var connectionString = await GetConnectionStringAsync();
        return new PortalDbContext(new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql(connectionString).Options);
    }

    private static async Task<string> CreateAsync()
    {
        var assembly = AppDomain.CurrentDomain.FriendlyName.Replace('.', '_');
        return await CreateIsolatedAsync(assembly.Length > 12 ? assembly[^12..] : assembly);
    }
}
