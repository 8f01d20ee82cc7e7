using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Monime.Portal.Accounts;

namespace Monime.Portal.Web.Accounts;

/// <summary>Adds the organisation and display name to the sign-in cookie so pages need no lookup for them.</summary>
public sealed class PortalClaimsPrincipalFactory(
    UserManager<Monimeer> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Monimeer, IdentityRole>(users, roles, options)
{
    public const string OrganizationClaim = "monime:org";

    public const string DisplayNameClaim = "monime:name";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Monimeer user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(OrganizationClaim, user.OrganizationId.ToString("D", CultureInfo.InvariantCulture)));
        identity.AddClaim(new Claim(DisplayNameClaim, user.DisplayName));
        return identity;
    }
}
