using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;

namespace Monime.Portal.Web.Accounts;

/// <summary>
/// Where configured, an admin without two-factor sign-in is sent to set it up before any other page: admin
/// rights are the ones an attacker with a stolen password would want most.
/// </summary>
public sealed class TwoFactorRequirementFilter(
    IOptions<AccountSecurityOptions> options, UserManager<Monimeer> users) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var exempt = context.ActionDescriptor.ViewEnginePath.StartsWith("/Account/", StringComparison.Ordinal)
            || context.ActionDescriptor.ViewEnginePath == "/Error";
        if (options.Value.RequireTwoFactorForAdmins && !exempt && user.IsInRole(PortalRoles.Admin)
            && await users.GetUserAsync(user) is { } monimeer && !await users.GetTwoFactorEnabledAsync(monimeer))
        {
            context.Result = new RedirectToPageResult("/Account/TwoFactor");
            return;
        }

        await next();
    }
}
