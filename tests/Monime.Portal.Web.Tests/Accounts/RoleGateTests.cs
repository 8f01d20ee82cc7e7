using System.Net;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Accounts;

[Collection(PortalCollection.Name)]
public sealed class RoleGateTests(PortalAppFactory factory)
{
    [Theory]
    [InlineData("", "/Developer", true)]
    [InlineData("", "/Ops", false)]
    [InlineData("", "/Admin", false)]
    [InlineData(PortalRoles.Ops, "/Ops", true)]
    [InlineData(PortalRoles.Ops, "/Admin", false)]
    [InlineData(PortalRoles.Admin, "/Ops", true)]
    [InlineData(PortalRoles.Admin, "/Admin", true)]
    public async Task Page_ForRole_IsServedOnlyWhenTheRoleAllows(string role, string path, bool allowed)
    {
        var user = await factory.CreateUserAsync(role.Length == 0 ? [] : [role]);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        using var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/AccessDenied", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AdminPage_ListsOnlyTheAdminsOwnOrganisation()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var stranger = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        var html = await client.GetStringAsync("/Admin");

        Assert.Contains(admin.Email, html, StringComparison.Ordinal);
        Assert.DoesNotContain(stranger.Email, html, StringComparison.Ordinal);
    }
}
