using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Web.Hosting;

namespace Monime.Portal.Web.Accounts;

public static class IdentityExtensions
{
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var security = configuration.GetSection(AccountSecurityOptions.Section).Get<AccountSecurityOptions>()
            ?? new AccountSecurityOptions();

        services
            .AddIdentity<Monimeer, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;

                // Length over composition (NIST 800-63B, ASVS 6.2): at least 8, no forced character classes.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                // Identity ships these values but the scaffolded sign-in page passes lockoutOnFailure: false;
                // ours passes true, so five failures lock the account for five minutes.
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = security.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromSeconds(security.LockoutSeconds);
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddPasswordValidator<PasswordPolicyValidator>();

        // Identity cookies are self-contained: without this a disabled or demoted Monimeer keeps access
        // for the default 30 minutes. See AccountSecurityOptions for the interval chosen.
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.ValidationInterval = TimeSpan.FromSeconds(security.SecurityStampIntervalSeconds));

        services.ConfigureApplicationCookie(options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime", configuration);
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // Identity's events validate the security stamp; this one is added beside them, not in their place.
            var redirectToAccessDenied = options.Events.OnRedirectToAccessDenied;
            options.Events.OnRedirectToAccessDenied = async context =>
            {
                await context.HttpContext.RequestServices.GetRequiredService<AccessDeniedRecorder>()
                    .RecordAsync(context.HttpContext);
                await redirectToAccessDenied(context);
            };
        });

        // Identity names its other cookies after their schemes (Identity.TwoFactorUserId and so on), which a
        // sibling subdomain could overwrite; they get the same prefix and flags as the session cookie. The
        // two-factor one lives only between the password and the code, both posted from this site.
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime-2fa", configuration);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime-2fa-remember", configuration);
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.ConfigureExternalCookie(options =>
        {
            CookiePolicy.Apply(options.Cookie, "monime-external", configuration);
            options.Cookie.SameSite = SameSiteMode.Lax;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.Admin, policy => policy.RequireRole(PortalRoles.Admin))
            .AddPolicy(PortalPolicies.UsageReader, policy => policy.RequireRole(PortalRoles.Ops, PortalRoles.Admin));

        services.AddScoped<PortalActorAccessor>();
        services.AddScoped<SignInRecorder>();
        services.AddScoped<FailedPasswordCounter>();
        services.AddScoped<AccessDeniedRecorder>();
        services.AddSignInThrottling(configuration);
        services.AddOptions<AccountSecurityOptions>().Bind(configuration.GetSection(AccountSecurityOptions.Section));
        services.AddScoped<TwoFactorRequirementFilter>();
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
            options.Filters.AddService<TwoFactorRequirementFilter>());
        return services;
    }
}
