using System.Net;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Spaces;
using Monime.Portal.Tokens;
using static Monime.Portal.Web.Tests.Api.ApiTestTokens;

namespace Monime.Portal.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public sealed class ApiAuthorizationTests(ApiAppFactory factory)
{
    /// <summary>
    /// The one peer <see cref="ApiAppFactory"/> configures as a proxy whose X-Forwarded-For is believed.
    /// </summary>
    public const string TrustedProxy = "198.51.100.77";

    [Fact]
    public async Task Write_WithReadOnlyToken_Returns403InsufficientScopeNamingThePermission()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.Permissions = ["payments:read"]);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Post, "/v1/test/payments", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("missing_permission", response.Reason);
        Assert.Contains("error=\"insufficient_scope\", scope=\"payments:write\"", response.Challenge,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_WithPermissionInOwnSpace_ReturnsCallerWithEffectivePermissions()
    {
        var user = await factory.CreateUserAsync();
        var (token, id) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var result = response.Json.GetProperty("result");
        Assert.Equal(id, result.GetProperty("tokenId").GetGuid());
        Assert.Equal(user.SpaceId, result.GetProperty("spaceId").GetString());
        Assert.Equal("Live", result.GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData(null, "missing_space", HttpStatusCode.BadRequest)]
    [InlineData("spc_", "invalid_space", HttpStatusCode.BadRequest)]
    [InlineData("spc_bad-chars!", "invalid_space", HttpStatusCode.BadRequest)]
    [InlineData("OTHER", "not_a_member", HttpStatusCode.Forbidden)]
    public async Task Read_WithMissingMalformedOrForeignSpace_IsRefused(
        string? spaceId, string reason, HttpStatusCode status)
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/test/payments", token,
            spaceId == "OTHER" ? other.SpaceId : spaceId));

        Assert.Equal(status, response.Status);
        Assert.Equal(reason, response.Reason);
    }

    [Fact]
    public async Task Read_SpaceRestrictedTokenInAnotherOwnSpace_Returns403SpaceNotAllowed()
    {
        var user = await factory.CreateUserAsync();
        var secondSpace = SpaceIds.NewId();
        await ExecuteAsync(factory, async db =>
        {
            db.Spaces.Add(new Space { Id = secondSpace, Name = "Second", OrganizationId = user.OrganizationId });
            db.SpaceMemberships.Add(new SpaceMembership
            {
                SpaceId = secondSpace,
                MonimeerId = user.Id,
                Role = SpaceRole.Owner,
            });
            await db.SaveChangesAsync();
        });
        var (token, _) = await CreateAsync(factory, user, input => input.WhitelistedSpaceId = user.SpaceId);
        using var client = factory.CreatePortalClient();

        var allowed = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));
        var refused = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, secondSpace));

        Assert.Equal(HttpStatusCode.OK, allowed.Status);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("space_not_allowed", refused.Reason);
        Assert.DoesNotContain(user.SpaceId, refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_OwnerDemotedToViewer_Returns403RoleLacksPermission()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        await SetRoleAsync(factory, user, SpaceRole.Viewer);
        using var client = factory.CreatePortalClient();

        var write = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Post, "/v1/test/payments", token, user.SpaceId));
        var read = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.Forbidden, write.Status);
        Assert.Equal("role_lacks_permission", write.Reason);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        var permissions = read.Json.GetProperty("result").GetProperty("permissions").EnumerateArray()
            .Select(p => p.GetString()).ToList();
        Assert.DoesNotContain("payments:write", permissions);
    }

    [Fact]
    public async Task Read_NonSpaceEndpointWithoutPermission_Returns403()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.Permissions = ["payments:read"]);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client, Request(HttpMethod.Get, "/v1/test/analytics", token));

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("missing_permission", response.Reason);
    }

    [Fact]
    public async Task Read_TestToken_CallerCarriesTestMode()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.Mode = TokenMode.Test);
        using var client = factory.CreatePortalClient();

        var response = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId));

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Test", response.Json.GetProperty("result").GetProperty("mode").GetString());
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7", null, HttpStatusCode.OK)]
    [InlineData("203.0.113.7", "203.0.113.8", null, HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.0/24", "203.0.113.0", null, HttpStatusCode.OK)]
    [InlineData("203.0.113.0/24", "203.0.113.255", null, HttpStatusCode.OK)]
    [InlineData("203.0.113.0/24", "203.0.112.255", null, HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.0/24", "203.0.114.0", null, HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.7", null, HttpStatusCode.OK)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.114.7", null, HttpStatusCode.Forbidden)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", null, HttpStatusCode.OK)]
    [InlineData("2001:db8::/32", "2001:db9::1", null, HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.7", "198.51.100.1", "203.0.113.7", HttpStatusCode.Forbidden)]
    [InlineData("203.0.113.7", "127.0.0.1", "203.0.113.7", HttpStatusCode.Forbidden)] // loopback is no proxy by default
    [InlineData("203.0.113.7", TrustedProxy, "203.0.113.7", HttpStatusCode.OK)]
    [InlineData("203.0.113.7", TrustedProxy, "203.0.113.8", HttpStatusCode.Forbidden)]
    public async Task Call_FromAddress_IpWhitelistDecides(
        string whitelist, string peer, string? forwardedFor, HttpStatusCode expected)
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user, input => input.IpWhitelist = whitelist);
        using var client = factory.CreatePortalClient();
        var request = Request(HttpMethod.Get, "/v1/test/payments", token, user.SpaceId, peer);
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        var response = await ApiResponse.SendAsync(client, request);

        Assert.Equal(expected, response.Status);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("ip_not_allowed", response.Reason);
            Assert.DoesNotContain(whitelist.Split('/')[0], response.Body, StringComparison.Ordinal);
            Assert.Contains("insufficient_scope", response.Challenge, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Call_RepeatedWrongSecrets_ThrottledBeforeHashingWith429()
    {
        var user = await factory.CreateUserAsync();
        var (token, _) = await CreateAsync(factory, user);
        using var client = factory.CreatePortalClient();
        var before = await Argon2EvaluationsAsync(factory);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 15; i++)
        {
            var response = await ApiResponse.SendAsync(client,
                Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.WithWrongSecret(token)));
            statuses.Add(response.Status);
        }

        var last = await ApiResponse.SendAsync(client,
            Request(HttpMethod.Get, "/v1/tokens/self", ForgedTokens.WithWrongSecret(token)));
        Assert.Equal(10, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.TooManyRequests, last.Status);
        Assert.Equal("rate_limited", last.Reason);
        Assert.Equal("auth-failures-token", last.Header("Monime-Rate-Limit"));
        Assert.NotNull(last.Header("Retry-After"));
        Assert.Equal(10, await Argon2EvaluationsAsync(factory) - before);
    }
}
