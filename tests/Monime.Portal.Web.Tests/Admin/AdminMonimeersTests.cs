using System.Net;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Admin;

[Collection(PortalCollection.Name)]
public sealed class AdminMonimeersTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Roles_DemotingAnotherAdmin_TakesEffectOnTheirNextRequest()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var other = await MoveIntoAsync(await factory.CreateUserAsync(PortalRoles.Admin), admin);
        using var adminClient = factory.CreatePortalClient();
        using var otherClient = factory.CreatePortalClient();
        await adminClient.SignInAsync(admin);
        await otherClient.SignInAsync(other);
        using var before = await otherClient.GetAsync("/Admin");

        using var demote = await PostAsync(adminClient, "Roles", new() { ["userId"] = other.Id, ["ops"] = "true" });
        using var after = await otherClient.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, demote.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        await using var db = await TestDatabase.OpenAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.SubjectUserId == other.Id
            && e.Action == AuditActions.RolesChanged);
        Assert.Equal("Portal roles: Ops", audit.Detail);
        Assert.Equal(admin.Id, audit.ActorId);
    }

    [Fact]
    public async Task Roles_AdminRemovingOwnAdminRole_IsRefused()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var response = await PostAsync(client, "Roles", new() { ["userId"] = admin.Id });
        using var still = await client.GetAsync("/Admin");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, still.StatusCode);
    }

    [Fact]
    public async Task Disable_AnotherMonimeer_EndsTheirSessionAndIsAudited()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var other = await MoveIntoAsync(await factory.CreateUserAsync(), admin);
        using var adminClient = factory.CreatePortalClient();
        using var otherClient = factory.CreatePortalClient();
        await adminClient.SignInAsync(admin);
        await otherClient.SignInAsync(other);

        using var disable = await PostAsync(adminClient, "Disable", new() { ["userId"] = other.Id });
        using var after = await otherClient.GetAsync("/Developer");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location?.ToString(), StringComparison.Ordinal);
        await using var db = await TestDatabase.OpenAsync();
        Assert.NotNull((await db.Users.AsNoTracking().SingleAsync(u => u.Id == other.Id)).DisabledAt);
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.SubjectUserId == other.Id
            && e.Action == AuditActions.AccountDisabled));
    }

    [Fact]
    public async Task Membership_AddChangeRemove_UpdatesTheMonimeersSpaces()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var other = await MoveIntoAsync(await factory.CreateUserAsync(), admin);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        var fields = new Dictionary<string, string> { ["userId"] = other.Id, ["spaceId"] = admin.SpaceId };

        using var add = await PostAsync(client, "Membership", new(fields) { ["role"] = "Finance" });
        var afterAdd = await RoleInAdminSpaceAsync(other, admin);
        using var change = await PostAsync(client, "Membership", new(fields) { ["role"] = "Developer" });
        var afterChange = await RoleInAdminSpaceAsync(other, admin);
        using var remove = await PostAsync(client, "RemoveMembership", fields);
        var afterRemove = await RoleInAdminSpaceAsync(other, admin);

        Assert.Equal("Finance", afterAdd);
        Assert.Equal("Developer", afterChange);
        Assert.Null(afterRemove);
        await using var db = await TestDatabase.OpenAsync();
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.SubjectUserId == other.Id
            && e.Action == AuditActions.MembershipChanged));
    }

    [Fact]
    public async Task Changes_ToAnotherOrganisationsMonimeerOrSpace_AreNotFound()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var stranger = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);

        using var roles = await PostAsync(client, "Roles", new() { ["userId"] = stranger.Id, ["admin"] = "true" });
        using var disable = await PostAsync(client, "Disable", new() { ["userId"] = stranger.Id });
        using var foreignSpace = await PostAsync(client, "Membership",
            new() { ["userId"] = admin.Id, ["spaceId"] = stranger.SpaceId, ["role"] = "Owner" });

        Assert.Equal(HttpStatusCode.NotFound, roles.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, disable.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignSpace.StatusCode);
        await using var db = await TestDatabase.OpenAsync();
        Assert.Null((await db.Users.AsNoTracking().SingleAsync(u => u.Id == stranger.Id)).DisabledAt);
        Assert.False(await db.UserRoles.AnyAsync(r => r.UserId == stranger.Id));
    }

    [Fact]
    public async Task AuditLog_Filters_KeepOnlyMatchingEventsOfTheOrganisation()
    {
        var admin = await factory.CreateUserAsync(PortalRoles.Admin);
        var token = await factory.CreateTokenAsync(admin, "audited");
        var other = await factory.CreateTokenAsync(admin, "other");
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(admin);
        using var revoke = await client.PostFormAsync("/Admin/Tokens", $"/Admin/Tokens?handler=Revoke&id={token.Id}",
            new Dictionary<string, string> { ["reason"] = "audit filter test" });
        var today = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var byToken = await client.GetStringAsync($"/Admin/Audit?token={token.Id}&type=token.revoked");
        var byActor = await client.GetStringAsync($"/Admin/Audit?actor={admin.Email}&from={today}&to={today}");
        var yesterday = await client.GetStringAsync("/Admin/Audit?to=2000-01-01");

        Assert.Contains("audit filter test", byToken, StringComparison.Ordinal);
        Assert.DoesNotContain("token.created", byToken.Split("<table", 2)[1], StringComparison.Ordinal);
        Assert.Contains("token.created", byActor, StringComparison.Ordinal);
        Assert.Contains("account.signed_up", byActor, StringComparison.Ordinal);
        Assert.Contains(other.Id.ToString()[..8], byActor, StringComparison.Ordinal);
        Assert.Contains("No events", yesterday, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> PostAsync(
        HttpClient client, string handler, Dictionary<string, string> fields) =>
        client.PostFormAsync("/Admin", $"/Admin?handler={handler}", fields);

    private static async Task<TestUser> MoveIntoAsync(TestUser user, TestUser admin)
    {
        await using var db = await TestDatabase.OpenAsync();
        await db.Users.Where(u => u.Id == user.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, admin.OrganizationId));
        return user with { OrganizationId = admin.OrganizationId };
    }

    private static async Task<string?> RoleInAdminSpaceAsync(TestUser user, TestUser admin)
    {
        await using var db = await TestDatabase.OpenAsync();
        var membership = await db.SpaceMemberships.AsNoTracking()
            .SingleOrDefaultAsync(m => m.MonimeerId == user.Id && m.SpaceId == admin.SpaceId);
        return membership?.Role.ToString();
    }
}
