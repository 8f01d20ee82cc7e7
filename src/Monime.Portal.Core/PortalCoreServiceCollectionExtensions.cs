using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Resources;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using Monime.Portal.Usage;
using Npgsql;

namespace Monime.Portal;

public static class PortalCoreServiceCollectionExtensions
{
    /// <summary>The database and the domain services shared by the pages and the API.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Set ConnectionStrings:{DatabaseOptions.ConnectionStringName} to the PostgreSQL database.");

        // One data source (connection pool) for EF Core and for the raw batches of the usage writer.
        services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));

        // Retries cover a dropped connection; creates stay safe to retry because each carries a unique nonce.
        services.AddDbContext<PortalDbContext>((provider, options) => options.UseNpgsql(
            provider.GetRequiredService<NpgsqlDataSource>(),
            npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3, TimeSpan.FromSeconds(2), errorCodesToAdd: null)));

        services.AddOptions<Argon2Options>().Bind(configuration.GetSection(Argon2Options.Section));
        services.AddOptions<TokenOptions>().Bind(configuration.GetSection(TokenOptions.Section));
        services.AddSingleton<Argon2SecretHasher>();
        services.AddSingleton<ITokenIssuer, RandomTokenIssuer>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<AuditQueries>();
        services.AddScoped<TokenService>();
        services.AddScoped<ExpiryQueries>();
        services.AddOptions<Notifications.EmailOptions>()
            .Bind(configuration.GetSection(Notifications.EmailOptions.Section));
        services.AddOptions<Notifications.ExpiryNoticeOptions>()
            .Bind(configuration.GetSection(Notifications.ExpiryNoticeOptions.Section));

        // Mail goes to a pickup folder: the portal has no outgoing mail server yet (see the README's limits).
        services.AddSingleton<Notifications.PickupDirectoryEmailSender>();
        services.AddSingleton<Notifications.IPortalEmailSender>(
            provider => provider.GetRequiredService<Notifications.PickupDirectoryEmailSender>());
        services.AddSingleton<Notifications.ExpiryNotifier>();
        services.AddHostedService(provider => provider.GetRequiredService<Notifications.ExpiryNotifier>());
        services.AddScoped<SpaceService>();
        services.AddScoped<AccountService>();
        services.AddScoped<MonimeerDirectory>();
        services.AddScoped<TokenCensus>();
        services.AddScoped<UsageQueries>();
        services.AddScoped<AuditLog>();
        services.AddScoped<MonimeerAdministration>();
        services.AddScoped<Seeding.DevelopmentSeeder>();
        services.AddPortalResources();
        services.AddSingleton(TimeProvider.System);

        services.AddOptions<UsageOptions>().Bind(configuration.GetSection(UsageOptions.Section));
        services.AddSingleton<UsageBuffer>();
        services.AddSingleton<IUsageRecorder>(provider => provider.GetRequiredService<UsageBuffer>());
        services.AddSingleton<UsageWriter>();
        services.AddSingleton<UsageFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<UsageFlusher>());
        return services;
    }
}
