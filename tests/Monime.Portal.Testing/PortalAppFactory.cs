using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Tokens;
using Xunit;

namespace Monime.Portal.Testing;

/// <summary>
/// The real application on the test host, over a real PostgreSQL database. Subclasses change settings
/// through <see cref="Settings"/>; clients talk HTTPS so that the portal's Secure cookies flow as in production.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    // Test collections run in parallel on one database: two of them creating the same role at once would
    // break its unique index, so roles are created one caller at a time.
    private static readonly SemaphoreSlim s_roleCreation = new(1, 1);

    private string? _connectionString;

    public string ConnectionString => _connectionString
        ?? throw new InvalidOperationException("The factory is not initialised yet.");

    /// <summary>Configuration given to the app on top of its appsettings.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async Task InitializeAsync() => _connectionString ??= await TestDatabase.GetConnectionStringAsync();

    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    protected void UseConnectionString(string connectionString) => _connectionString = connectionString;

    public HttpClient CreatePortalClient(bool followRedirects = false) =>
        CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = followRedirects,
            HandleCookies = true,
        });

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>A new Monimeer in a new organisation with a first Space; email and Space are unique.</summary>
    public async Task<TestUser> CreateUserAsync(params string[] roles)
    {
        var email = $"user-{Guid.NewGuid():N}@example.test";
        const string Password = "correct horse battery staple";
        return await WithServicesAsync(async services =>
        {
            var accounts = services.GetRequiredService<AccountService>();
            var (result, user) = await accounts.SignUpAsync(email, "Test Person", Password, "127.0.0.1");
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
            }

            var users = services.GetRequiredService<UserManager<Monimeer>>();
            var roleManager = services.GetRequiredService<RoleManager<IdentityRole>>();
            await s_roleCreation.WaitAsync();
            try
            {
                foreach (var role in roles)
                {
                    if (!await roleManager.RoleExistsAsync(role))
                    {
                        await roleManager.CreateAsync(new IdentityRole(role));
                    }
                }
            }
            finally
            {
                s_roleCreation.Release();
            }

            await users.AddToRolesAsync(user!, roles);
            var db = services.GetRequiredService<PortalDbContext>();
            var spaceId = db.SpaceMemberships.Where(m => m.MonimeerId == user!.Id).Select(m => m.SpaceId).First();
            return new TestUser(user!.Id, email, Password, user.OrganizationId, spaceId);
        });
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Portal", ConnectionString);

        // Every test client shares one address, so the per-address sign-in limit is lifted unless a test sets it.
        builder.UseSetting("AccountSecurity:SignInRequestsPerMinute", "100000");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (RecordingTokenIssuer.PathForThisProcess is { } issuedSecrets)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(issuedSecrets)!);
            builder.ConfigureTestServices(services => services.AddSingleton<ITokenIssuer>(
                new RecordingTokenIssuer(new RandomTokenIssuer(), issuedSecrets)));
        }
    }
}
