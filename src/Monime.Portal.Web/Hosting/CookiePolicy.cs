namespace Monime.Portal.Web.Hosting;

/// <summary>
/// Cookie names and flags. Behind HTTPS (the default, and always in production) cookies carry the
/// <c>__Host-</c> prefix and the Secure flag; <c>Cookies:RequireHttps=false</c> exists only for a plain-HTTP
/// development run, where browsers would drop such cookies.
/// </summary>
public static class CookiePolicy
{
    public static bool RequiresHttps(IConfiguration configuration) =>
        configuration.GetValue("Cookies:RequireHttps", defaultValue: true);

    public static void Apply(CookieBuilder cookie, string name, IConfiguration configuration)
    {
        var https = RequiresHttps(configuration);
        cookie.Name = https ? "__Host-" + name : name;
        cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        cookie.HttpOnly = true;
        cookie.Path = "/";
    }
}
