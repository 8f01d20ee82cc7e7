using Microsoft.EntityFrameworkCore;
using Monime.Portal.Data;
using Monime.Portal.Seeding;

namespace Monime.Portal.Web.Hosting;

public static class DatabaseStartup
{
    /// <summary>
    /// <c>migrate</c> applies pending migrations and exits: the one documented way to change a production
    /// schema. Returns true when a command ran and the host should stop.
    /// </summary>
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        if (args is not ["migrate", ..])
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        app.Logger.LogInformation("Database schema is up to date");
        return true;
    }

    /// <summary>
    /// Development migrates and seeds at start so a fresh checkout just runs. Elsewhere nothing changes the
    /// schema silently: run the <c>migrate</c> command first.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return;
        }

        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Database.MigrateAsync();
        await scope.ServiceProvider.GetRequiredService<DevelopmentSeeder>().SeedAsync();
    }
}
