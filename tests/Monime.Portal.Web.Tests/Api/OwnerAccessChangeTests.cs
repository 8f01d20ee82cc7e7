using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

/// <summary>
/// An admin's change of a person's access reaches their API tokens on the very next call, although the tokens and
/// the person's Space roles are in the verification cache: disabling the account, removing them from a Space,
/// lowering their role there. Undoing the change lets the tokens through again, without another Argon2id.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class OwnerAccessChangeTests(ApiAppFactory factory)
{
    [Fact]
    public async Task Call_AfterOwnerDisabled_RefusedOnVeryNextCallAndAcceptedAgainOnceEnabled()
    {
        var (user, admin) = await ColleaguesAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var argon2Before = await Argon2EvaluationsAsync(factory);
        var cached = await SelfAsync(client, token);

        await ChangeAsync(a => a.SetDisabledAsync(admin, user.Id, disabled: true));
        var disabled = await SelfAsync(client, token);
        var stillDisabled = await SelfAsync(client, token);
        await ChangeAsync(a => a.SetDisabledAsync(admin, user.Id, disabled: false));
        var enabled = await SelfAsync(client, token);

        Assert.Equal(HttpStatusCode.OK, cached.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.Status);
        Assert.Equal("owner_disabled", disabled.Reason);
        Assert.Contains("error=\"invalid_token\"", disabled.Challenge, StringComparison.Ordinal);
        Assert.Equal("owner_disabled", stillDisabled.Reason);
        Assert.Equal(HttpStatusCode.OK, enabled.Status);
        Assert.Equal(1, await Argon2EvaluationsAsync(factory) - argon2Before);
    }

    [Fact]
    public async Task SpaceCall_AfterOwnerRemovedFromTheSpace_RefusedOnVeryNextCall()
    {
        var (user, admin) = await ColleaguesAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var member = await PaymentsAsync(client, HttpMethod.Get, token, user.SpaceId);

        await ChangeAsync(a => a.RemoveMembershipAsync(admin, user.Id, user.SpaceId));
        var removed = await PaymentsAsync(client, HttpMethod.Get, token, user.SpaceId);

        Assert.Equal(HttpStatusCode.OK, member.Status);
        Assert.Equal(HttpStatusCode.Forbidden, removed.Status);
        Assert.Equal("not_a_member", removed.Reason);
    }

    [Fact]
    public async Task SpaceWrite_AfterOwnersRoleLowered_RefusedOnVeryNextCallAndAllowedOnceRaised()
    {
        var (user, admin) = await ColleaguesAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var owner = await PaymentsAsync(client, HttpMethod.Post, token, user.SpaceId);

        await ChangeAsync(a => a.SetMembershipAsync(admin, user.Id, user.SpaceId, SpaceRole.Viewer));
        var viewer = await PaymentsAsync(client, HttpMethod.Post, token, user.SpaceId);
        await ChangeAsync(a => a.SetMembershipAsync(admin, user.Id, user.SpaceId, SpaceRole.Developer));
        var developer = await PaymentsAsync(client, HttpMethod.Post, token, user.SpaceId);

        Assert.Equal(HttpStatusCode.Created, owner.Status);
        Assert.Equal(HttpStatusCode.Forbidden, viewer.Status);
        Assert.Equal("role_lacks_permission", viewer.Reason);
        Assert.Equal(HttpStatusCode.Created, developer.Status);
    }

    [Fact]
    public async Task Introspect_TokenOfADisabledColleague_AnswersActiveFalse()
    {
        var (user, admin) = await ColleaguesAsync();
        var (caller, _) = await CreateAsync(factory, await JoinAsync(await factory.CreateUserAsync(), user));
        var (inspected, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var before = await IntrospectAsync(client, caller, inspected);

        await ChangeAsync(a => a.SetDisabledAsync(admin, user.Id, disabled: true));
        var after = await IntrospectAsync(client, caller, inspected);

        Assert.Contains("\"active\":true", before.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, after.Status);
        Assert.Equal("{\"active\":false}", after.Body);
    }

    /// <summary>A Monimeer and an admin of their organisation (an actor, as the admin pages pass it).</summary>
    private async Task<(TestUser User, PortalActor Admin)> ColleaguesAsync()
    {
        var user = await factory.CreateUserAsync();
        var admin = await JoinAsync(await factory.CreateUserAsync(PortalRoles.Admin), user);
        return (user, new PortalActor(admin.Id, user.OrganizationId, IsAdmin: true, IsOps: false, "127.0.0.1"));
    }

    /// <summary>Moves <paramref name="newcomer"/> into the organisation of <paramref name="colleague"/>.</summary>
    private async Task<TestUser> JoinAsync(TestUser newcomer, TestUser colleague)
    {
        await ExecuteAsync(factory, db => db.Users.Where(u => u.Id == newcomer.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, colleague.OrganizationId)));
        return newcomer with { OrganizationId = colleague.OrganizationId };
    }

    /// <summary>Makes an admin's change through the service the admin pages use; it must change something.</summary>
    private Task<AdministrationResult> ChangeAsync(Func<MonimeerAdministration, Task<AdministrationResult>> change) =>
        factory.WithServicesAsync(async services =>
        {
            var result = await change(services.GetRequiredService<MonimeerAdministration>());
            Assert.Equal(AdministrationOutcome.Changed, result.Outcome);
            return result;
        });

    private static Task<ApiResponse> SelfAsync(HttpClient client, string token) =>
        ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/tokens/self", token));

    private static Task<ApiResponse> PaymentsAsync(HttpClient client, HttpMethod method, string token, string space) =>
        ApiResponse.SendAsync(client, Request(method, "/v1/test/payments", token, space));

    private static async Task<ApiResponse> IntrospectAsync(HttpClient client, string caller, string inspected)
    {
        var request = Request(HttpMethod.Post, "/v1/tokens/introspect", caller);
        request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = inspected });
        return await ApiResponse.SendAsync(client, request);
    }
}
