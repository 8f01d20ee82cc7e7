using System.Net;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed class AccessPolicyTests
{
    private const string Space = "spc_home1";
    private static readonly DateTimeOffset s_now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Evaluate_EverythingInOrder_AllowsAndListsEachCheckInApiOrder()
    {
        var request = Request(Token());

        var evaluation = AccessPolicy.Evaluate(request);

        Assert.True(evaluation.Allowed);
        Assert.Equal(
            [
                AccessCheckNames.Revocation, AccessCheckNames.Expiry, AccessCheckNames.Mode,
                AccessCheckNames.SpaceHeader, AccessCheckNames.SpaceWhitelist, AccessCheckNames.SpaceMembership,
                AccessCheckNames.Permission, AccessCheckNames.SpaceRole, AccessCheckNames.IpWhitelist,
            ],
            evaluation.Checks.Select(check => check.Name));
    }

    [Theory]
    [InlineData("revoked", "token_revoked")]
    [InlineData("expired", "token_expired")]
    [InlineData("no-space", "missing_space")]
    [InlineData("bad-space", "invalid_space")]
    [InlineData("other-space", "space_not_allowed")]
    [InlineData("not-member", "not_a_member")]
    [InlineData("no-permission", "missing_permission")]
    [InlineData("viewer", "role_lacks_permission")]
    [InlineData("wrong-ip", "ip_not_allowed")]
    public void Evaluate_OneFactBroken_FirstFailureIsThatCheck(string broken, string reason)
    {
        var request = WithBroken(broken);

        var evaluation = AccessPolicy.Evaluate(request);

        Assert.False(evaluation.Allowed);
        Assert.Equal(reason, evaluation.FirstFailure!.Reason);
        Assert.False(string.IsNullOrWhiteSpace(evaluation.FirstFailure.Advice));
    }

    [Theory]
    [InlineData("none")]
    [InlineData("revoked")]
    [InlineData("expired")]
    [InlineData("no-space")]
    [InlineData("bad-space")]
    [InlineData("other-space")]
    [InlineData("not-member")]
    [InlineData("no-permission")]
    [InlineData("viewer")]
    [InlineData("wrong-ip")]
    [InlineData("two-broken")]
    public void Decide_AnyRequest_AgreesWithEvaluate(string broken)
    {
        var request = WithBroken(broken);

        var decision = AccessPolicy.Decide(request);
        var evaluation = AccessPolicy.Evaluate(request);

        Assert.Equal(evaluation.Allowed, decision.Allowed);
        Assert.Equal(evaluation.FirstFailure, decision.FirstFailure);
        Assert.Equal(evaluation.EffectivePermissions.Order(), decision.EffectivePermissions.Order());
    }

    [Fact]
    public void Evaluate_AddressOutsideWhitelist_AdviceNamesTheAddress()
    {
        var token = Token() with { IpWhitelist = ["198.51.100.1"] };

        var evaluation = AccessPolicy.Evaluate(Request(token) with { Address = IPAddress.Parse("203.0.113.7") });

        Assert.Contains(
            "Add 203.0.113.7 to the IP whitelist", evaluation.FirstFailure!.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_FinanceRoleForCustomersWrite_AdvisesTheDeveloperRole()
    {
        var token = Token() with { Permissions = new HashSet<string>(["customers:write"]) };

        var evaluation = AccessPolicy.Evaluate(
            Request(token) with { Permission = "customers:write", Role = SpaceRole.Finance });

        Assert.Equal("role_lacks_permission", evaluation.FirstFailure!.Reason);
        Assert.Contains("Developer role", evaluation.FirstFailure.Advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NotSpaceScoped_SkipsSpaceChecksAndChecksPermission()
    {
        var request = Request(Token()) with { SpaceScoped = false, SpaceId = null, Permission = "analytics:read" };

        var evaluation = AccessPolicy.Evaluate(request);

        Assert.Equal("missing_permission", evaluation.FirstFailure!.Reason);
        Assert.DoesNotContain(evaluation.Checks, check => check.Name == AccessCheckNames.SpaceHeader);
    }

    [Fact]
    public void Evaluate_FinanceRole_EffectivePermissionsAreTheIntersection()
    {
        var request = Request(Token()) with { Permission = "payments:read", Role = SpaceRole.Finance };

        var evaluation = AccessPolicy.Evaluate(request);

        Assert.True(evaluation.Allowed);
        Assert.Equal(["payments:read"], evaluation.EffectivePermissions);
    }

    /// <summary>A Space-scoped write that passes every check, but for the one fact named (or two).</summary>
    private static AccessRequest WithBroken(string broken)
    {
        var token = Token() with
        {
            RevokedAt = broken is "revoked" or "two-broken" ? s_now.AddDays(-1) : null,
            ExpiresAt = broken == "expired" ? s_now.AddSeconds(-1) : s_now.AddDays(30),
            WhitelistedSpaceId = broken == "other-space" ? "spc_other1" : Space,
            Permissions = broken == "no-permission"
                ? new HashSet<string>(["payments:read"])
                : new HashSet<string>(["payments:read", "payments:write"]),
            IpWhitelist = ["203.0.113.0/24"],
        };
        return Request(token) with
        {
            SpaceId = broken switch { "no-space" => null, "bad-space" => "spc_!", _ => Space },
            Role = broken switch { "not-member" => null, "viewer" => SpaceRole.Viewer, _ => SpaceRole.Developer },
            Address = IPAddress.Parse(broken is "wrong-ip" or "two-broken" ? "198.51.100.9" : "203.0.113.7"),
        };
    }

    private static VerifiedToken Token() => new(
        Guid.CreateVersion7(), "lookup1", TokenMode.Live, "owner", Guid.CreateVersion7(), ApiReleases.Latest,
        s_now.AddDays(30), null, null, [], new HashSet<string>(["payments:read", "payments:write"]), s_now.AddDays(-1));

    private static AccessRequest Request(VerifiedToken token) =>
        new(token, s_now, "payments:write", true, Space, SpaceRole.Developer, IPAddress.Parse("203.0.113.7"));
}
