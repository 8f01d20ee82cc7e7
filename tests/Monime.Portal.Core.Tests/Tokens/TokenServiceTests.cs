using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Audit;
using Monime.Portal.Data;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

[Collection(CoreCollection.Name)]
public sealed class TokenServiceTests(PortalAppFactory factory)
{
    private static PortalActor ActorOf(TestUser user, bool admin = false, bool ops = false) =>
        new(user.Id, user.OrganizationId, admin, ops, "127.0.0.1");

    private static CreateTokenInput LiveInput(string name = "Service test") => new()
    {
        Name = name,
        Mode = TokenMode.Live,
        Expiry = TokenExpiry.OneYear,
        IpWhitelist = " 203.0.113.0/24 ,2001:DB8::/32",
        Services = ["payments"],
        Permissions = ["payments:write", "payments:read"],
        Nonce = Guid.NewGuid(),
    };

    private Task<T> WithTokensAsync<T>(Func<TokenService, Task<T>> action) =>
        factory.WithServicesAsync(services => action(services.GetRequiredService<TokenService>()));

    private Task<List<AuditEvent>> AuditOfAsync(Guid tokenId) =>
        factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents
            .Where(e => e.TokenId == tokenId).ToListAsync());

    [Fact]
    public async Task CreateAsync_ValidInput_StoresHashCanonicalIpsAndOneAuditEvent()
    {
        var user = await factory.CreateUserAsync();

        var result = await WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(user), LiveInput()));

        var created = Assert.IsType<CreateTokenResult.Created>(result);
        var stored = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.AsNoTracking().SingleAsync(t => t.Id == created.Token.Id));
        Assert.StartsWith("$argon2id$v=19$m=19456,t=2,p=1$", stored.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Issued.Secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(["203.0.113.0/24", "2001:db8::/32"], stored.IpWhitelist);
        Assert.Equal(["payments:read", "payments:write"], stored.Permissions);
        Assert.Equal(user.Id, stored.OwnerId);
        Assert.Single(await AuditOfAsync(stored.Id), e => e.Action == AuditActions.TokenCreated);
    }

    [Fact]
    public async Task CreateAsync_SameNonceTwiceConcurrently_MakesOneToken()
    {
        var user = await factory.CreateUserAsync();
        var input = LiveInput();

        var results = await Task.WhenAll(
            WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(user), input)),
            WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(user), input)),
            WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(user), input)));

        var count = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.CountAsync(t => t.OwnerId == user.Id));
        Assert.Equal(1, count);
        Assert.Single(results.OfType<CreateTokenResult.Created>());
        Assert.Equal(2, results.OfType<CreateTokenResult.AlreadyCreated>().Count());
    }

    [Fact]
    public async Task CreateAsync_InvalidInput_StoresNothing()
    {
        var user = await factory.CreateUserAsync();

        var result = await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput() with { Permissions = ["admin:*"] }));

        Assert.IsType<CreateTokenResult.Invalid>(result);
        Assert.Empty((await WithTokensAsync(tokens => tokens.ListAsync(ActorOf(user), new TokenListQuery()))).Rows);
    }

    [Fact]
    public async Task ListAsync_FiltersAndPages_ReturnsOwnTokensNewestFirst()
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        for (var i = 0; i < 30; i++)
        {
            await WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(user), LiveInput($"token {i:00}")));
        }

        await WithTokensAsync(tokens => tokens.CreateAsync(ActorOf(other), LiveInput("not mine")));

        var first = await WithTokensAsync(tokens => tokens.ListAsync(ActorOf(user), new TokenListQuery()));
        var second = await WithTokensAsync(tokens =>
            tokens.ListAsync(ActorOf(user), new TokenListQuery(After: first.NextCursor)));
        var search = await WithTokensAsync(tokens =>
            tokens.ListAsync(ActorOf(user), new TokenListQuery(Search: "token 07")));
        var test = await WithTokensAsync(tokens =>
            tokens.ListAsync(ActorOf(user), new TokenListQuery(Mode: TokenMode.Test)));

        Assert.Equal(25, first.Rows.Count);
        Assert.Equal("token 29", first.Rows[0].Name);
        Assert.Equal(5, second.Rows.Count);
        Assert.Null(second.NextCursor);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        Assert.DoesNotContain(first.Rows.Concat(second.Rows), row => row.Name == "not mine");
        Assert.Equal("token 07", Assert.Single(search.Rows).Name);
        Assert.Empty(test.Rows);
    }

    [Fact]
    public async Task RevokeAsync_Twice_RevokesOnceWithOneAuditEvent()
    {
        var user = await factory.CreateUserAsync();
        var created = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput()));

        var first = await WithTokensAsync(tokens => tokens.RevokeAsync(ActorOf(user), created.Token.Id, "leaked"));
        var second = await WithTokensAsync(tokens => tokens.RevokeAsync(ActorOf(user), created.Token.Id, "again"));

        Assert.Equal((TokenChangeResult.Changed, TokenChangeResult.Unchanged), (first, second));
        Assert.Single(await AuditOfAsync(created.Token.Id), e => e.Action == AuditActions.TokenRevoked);
    }

    [Fact]
    public async Task RevokeAsync_OtherDeveloperOrOtherOrganisationAdmin_IsNotFound()
    {
        var owner = await factory.CreateUserAsync();
        var stranger = await factory.CreateUserAsync();
        var otherAdmin = await factory.CreateUserAsync(PortalRoles.Admin);
        var created = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(owner), LiveInput()));

        var byStranger = await WithTokensAsync(tokens =>
            tokens.RevokeAsync(ActorOf(stranger), created.Token.Id, "mine now"));
        var byOtherAdmin = await WithTokensAsync(tokens =>
            tokens.RevokeAsync(ActorOf(otherAdmin, admin: true), created.Token.Id, "compromised"));
        var rotateByStranger = await WithTokensAsync(tokens =>
            tokens.RotateAsync(ActorOf(stranger), created.Token.Id, RotationGrace.Now));

        Assert.Equal(TokenChangeResult.NotFound, byStranger);
        Assert.Equal(TokenChangeResult.NotFound, byOtherAdmin);
        Assert.Equal(TokenChangeResult.NotFound, rotateByStranger.Outcome);
    }

    [Fact]
    public async Task RevokeAsync_AdminOfSameOrganisation_NeedsReason()
    {
        var owner = await factory.CreateUserAsync();
        var created = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(owner), LiveInput()));
        var admin = new PortalActor(Guid.NewGuid().ToString(), owner.OrganizationId, true, false, "127.0.0.1");

        var withoutReason = await WithTokensAsync(tokens => tokens.RevokeAsync(admin, created.Token.Id, " "));
        var opsActor = admin with { IsAdmin = false, IsOps = true };
        var byOps = await WithTokensAsync(tokens => tokens.RevokeAsync(opsActor, created.Token.Id, "ops"));

        Assert.Equal(TokenChangeResult.Refused, withoutReason);
        Assert.Equal(TokenChangeResult.NotFound, byOps);
    }

    [Fact]
    public async Task RotateAsync_WithGrace_IssuesReplacementAndShortensOldToken()
    {
        var user = await factory.CreateUserAsync();
        var created = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput()));

        var rotated = await WithTokensAsync(tokens =>
            tokens.RotateAsync(ActorOf(user), created.Token.Id, RotationGrace.OneHour));
        var again = await WithTokensAsync(tokens =>
            tokens.RotateAsync(ActorOf(user), created.Token.Id, RotationGrace.OneHour));

        var old = await WithTokensAsync(tokens => tokens.FindVisibleAsync(ActorOf(user), created.Token.Id));
        Assert.Equal(TokenChangeResult.Changed, rotated.Outcome);
        Assert.Equal(TokenChangeResult.Refused, again.Outcome);
        Assert.NotEqual(created.Issued.Value, rotated.Issued!.Value);
        Assert.Equal(rotated.Replacement!.Id, old!.ReplacedById);
        Assert.InRange(old.ExpiresAt!.Value - old.RotatedAt!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromHours(1));
        Assert.Equal(created.Token.Permissions, rotated.Replacement.Permissions);
        Assert.Single(await AuditOfAsync(old.Id), e => e.Action == AuditActions.TokenRotated);
        Assert.Single(await AuditOfAsync(rotated.Replacement.Id), e => e.Action == AuditActions.TokenCreated);
    }

    [Fact]
    public async Task CreateAsync_LookupIdAlreadyTaken_IssuesAgainAndCreatesOnce()
    {
        var user = await factory.CreateUserAsync();
        var taken = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Holds the lookup id")));
        var issuer = new ReplayingIssuer(taken.Issued);

        var result = await WithIssuerAsync(issuer, tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Drew a taken lookup id")));

        var created = Assert.IsType<CreateTokenResult.Created>(result);
        var rows = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.AsNoTracking().Where(t => t.OwnerId == user.Id).ToListAsync());
        var stored = Assert.Single(rows, t => t.Name == "Drew a taken lookup id");
        Assert.Equal(2, issuer.Issues);
        Assert.Equal(2, rows.Count);
        Assert.NotEqual(taken.Issued.LookupId, created.Issued.LookupId);
        Assert.Equal((created.Token.Id, created.Issued.LookupId), (stored.Id, stored.LookupId));
        Assert.Equal(taken.Token.SecretHash, Assert.Single(rows, t => t.Id == taken.Token.Id).SecretHash);
        Assert.Single(await AuditOfAsync(stored.Id), e => e.Action == AuditActions.TokenCreated);
        Assert.Equal(2, await CreatedEventsByAsync(user));
    }

    [Fact]
    public async Task CreateAsync_LookupIdTakenEveryTime_GivesUpAfterThreeIssuesStoringNothing()
    {
        var user = await factory.CreateUserAsync();
        var taken = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Holds the lookup id")));
        var issuer = new ReplayingIssuer(taken.Issued, times: int.MaxValue);

        var failure = await Record.ExceptionAsync(() => WithIssuerAsync(issuer, tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Never gets an id"))));

        Assert.IsType<DbUpdateException>(failure);
        Assert.Equal(3, issuer.Issues);
        Assert.Equal(1, await CreatedEventsByAsync(user));
    }

    [Fact]
    public async Task RotateAsync_ReplacementLookupIdAlreadyTaken_IssuesAgainAndRotatesOnce()
    {
        var user = await factory.CreateUserAsync();
        var taken = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Holds the lookup id")));
        var rotating = (CreateTokenResult.Created)await WithTokensAsync(tokens =>
            tokens.CreateAsync(ActorOf(user), LiveInput("Rotated")));
        var issuer = new ReplayingIssuer(taken.Issued);

        var rotated = await WithIssuerAsync(issuer, tokens =>
            tokens.RotateAsync(ActorOf(user), rotating.Token.Id, RotationGrace.OneHour));

        var replacements = await factory.WithServicesAsync(services => services
            .GetRequiredService<PortalDbContext>().AccessTokens.AsNoTracking()
            .Where(t => t.RotatedFromId == rotating.Token.Id).ToListAsync());
        Assert.Equal(TokenChangeResult.Changed, rotated.Outcome);
        Assert.Equal(2, issuer.Issues);
        Assert.NotEqual(taken.Issued.LookupId, rotated.Issued!.LookupId);
        Assert.Equal(rotated.Issued.LookupId, Assert.Single(replacements).LookupId);
        Assert.Single(await AuditOfAsync(rotating.Token.Id), e => e.Action == AuditActions.TokenRotated);
    }

    private Task<T> WithIssuerAsync<T>(ITokenIssuer issuer, Func<TokenService, Task<T>> action) =>
        factory.WithServicesAsync(services =>
            action(ActivatorUtilities.CreateInstance<TokenService>(services, issuer)));

    private Task<int> CreatedEventsByAsync(TestUser user) =>
        factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>().AuditEvents
            .CountAsync(e => e.ActorId == user.Id && e.Action == AuditActions.TokenCreated));

    /// <summary>Hands out an existing token's value <paramref name="times"/> over, then fresh ones.</summary>
    private sealed class ReplayingIssuer(IssuedToken taken, int times = 1) : ITokenIssuer
    {
        public int Issues { get; private set; }

        public IssuedToken Issue(TokenMode mode) => ++Issues <= times ? taken : TokenFormat.Issue(mode);
    }
}
