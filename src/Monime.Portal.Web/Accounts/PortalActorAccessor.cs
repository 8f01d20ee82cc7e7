using System.Security.Claims;
using Monime.Portal.Accounts;

namespace Monime.Portal.Web.Accounts;

/// <summary>Turns the signed-in principal of the current request into the actor the domain services expect.</summary>
public sealed class PortalActorAccessor(IHttpContextAccessor httpContextAccessor)
{
    public PortalActor Current
    {
        get
        {
            var context = httpContextAccessor.HttpContext
                ?? throw new InvalidOperationException("No request is in progress.");
            var user = context.User;
            var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)
                ?? throw new InvalidOperationException("The request is not signed in.");
            var organizationId = Guid.Parse(user.FindFirstValue(PortalClaimsPrincipalFactory.OrganizationClaim)!);

            return new PortalActor(userId, organizationId, user.IsInRole(PortalRoles.Admin),
                user.IsInRole(PortalRoles.Ops), context.Connection.RemoteIpAddress?.ToString());
        }
    }
}
