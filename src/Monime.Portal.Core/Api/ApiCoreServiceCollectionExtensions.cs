using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Data;
using Monime.Portal.Tokens;

namespace Monime.Portal.Api;

public static class ApiCoreServiceCollectionExtensions
{
    /// <summary>Token verification, its cache and cross-instance eviction, and the idempotency store.</summary>
    public static IServiceCollection AddPortalTokenVerification(
        this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DatabaseOptions.ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"Set ConnectionStrings:{DatabaseOptions.ConnectionStringName} to the PostgreSQL database.");

        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section));
        services.AddMemoryCache();
        services.AddSingleton(_ => TokenDataSource.Create(connectionString));
        services.AddSingleton<TokenVerifier>();
        services.AddSingleton<SecretFailureThrottle>();
        services.AddSingleton<ITokenChangeNotifier, PostgresTokenChangeNotifier>();
        services.AddSingleton<IdempotencyStore>();
        services.AddHostedService<TokenChangeListener>();
        services.AddHostedService<IdempotencyPruner>();
        return services;
    }
}
