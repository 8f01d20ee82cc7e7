using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Monime.Portal.Accounts;
using Monime.Portal.Data;
using Monime.Portal.Spaces;
using Monime.Portal.Testing;
using Monime.Portal.Tokens;
using Monime.Portal.Web.Pages.Tokens;
using Monime.Portal.Web.Tests.Api;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Tokens;

[Collection(PortalCollection.Name)]
public sealed partial class TokenPagesTests(PortalAppFactory factory, ITestOutputHelper output)
{
    private static List<KeyValuePair<string, string>> LiveForm(string name = "Page test token") =>
        TokenCreateForm.Live(name);

    private static List<KeyValuePair<string, string>> With(
        List<KeyValuePair<string, string>> form, string key, string value)
    {
        var changed = form.Where(pair => pair.Key != key).ToList();
        changed.Add(new(key, value));
        return changed;
    }

    private async Task<HttpClient> SignedInAsync(TestUser user)
    {
        var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        return client;
    }

    private static async Task<(HttpResponseMessage Response, string Html)> CreateAsync(
        HttpClient client, IEnumerable<KeyValuePair<string, string>> form)
    {
        var response = await client.PostFormAsync("/Tokens/Create", "/Tokens/Create", form);
        return (response, await response.Content.ReadAsStringAsync());
    }

    private static string ErrorBeside(string html, string field)
    {
        var match = Regex.Match(html, "<span class=\"field-error field-validation-error\" "
            + $"data-valmsg-for=\"{Regex.Escape(field)}\"[^>]*>([^<]*)<");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    private Task<bool> IsLockedOutAsync(TestUser user) =>
        factory.WithServicesAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<Monimeer>>();
            return await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!);
        });

    [Fact]
    public async Task List_NoTokens_InvitesFirstToken()
    {
        using var client = await SignedInAsync(await factory.CreateUserAsync());

        var html = await client.GetStringAsync("/Tokens");

        Assert.Contains("Create your first access token", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ValidLiveForm_ShowsSecretOnceWithNoStoreAndNeverAgain()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);

        var (response, html) = await CreateAsync(client, LiveForm());

        var secret = TokenValue().Match(html).Groups[1].Value;
        var id = DetailsLink().Match(html).Groups[1].Value;
        var list = await client.GetStringAsync("/Tokens");
        var details = await client.GetStringAsync($"/Tokens/{id}");
        var createAgain = await client.GetStringAsync("/Tokens/Create");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Matches("^mon_[0-9A-Za-z]{31}$", secret);
        Assert.Contains($"curl -H &quot;Authorization: Bearer {secret}&quot;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, details, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, createAgain, StringComparison.Ordinal);
        Assert.DoesNotContain(response.Headers, header => header.Key == "Set-Cookie"
            && header.Value.Any(value => value.Contains(secret, StringComparison.Ordinal)));
        Assert.Contains(secret[..(TokenFormat.LivePrefix.Length + TokenFormat.LookupLength)], list,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SameFormTwice_MakesOneTokenAndSaysAlreadyCreated()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var form = LiveForm();

        var (_, first) = await CreateAsync(client, form);
        var (_, second) = await CreateAsync(client, form);

        var count = await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().AccessTokens.CountAsync(t => t.OwnerId == user.Id));
        Assert.Matches(TokenValue(), first);
        Assert.DoesNotMatch(TokenValue(), second);
        Assert.Contains("This token was already created", second, StringComparison.Ordinal);
        Assert.Equal(1, count);
    }

    [Theory]
    [InlineData("Input.Name", "", "Input.Name")]
    [InlineData("Input.Name", "invoice\u202Efdp.exe", "Input.Name")]
    [InlineData("Input.Name", "101", "Input.Name")]
    [InlineData("Input.IpWhitelist", "203.0.113.0/33", "Input.IpWhitelist")]
    [InlineData("Input.IpWhitelist", "010.0.0.1", "Input.IpWhitelist")]
    [InlineData("Input.IpWhitelist", "0.0.0.0/0", "Input.IpWhitelist")]
    [InlineData("Input.Permissions", "admin:*", "Input.Permissions")]
    [InlineData("Input.Permissions", "payouts:write", "Input.Permissions")]
    [InlineData("Input.WhitelistedSpaceId", "spc_notmine", "Input.WhitelistedSpaceId")]
    [InlineData("Input.ApiRelease", "v9", "Input.ApiRelease")]
    [InlineData("Input.Mode", "Admin", "Input.Mode")]
    public async Task Create_BadField_IsRefusedBesideTheField(string key, string value, string field)
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var input = value == "101" ? new string('n', 101) : value;

        var (response, html) = await CreateAsync(client, With(LiveForm(), key, input));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual("", ErrorBeside(html, field));
        Assert.DoesNotMatch(TokenValue(), html);
    }

    [Fact]
    public async Task Create_NameWithNul_IsRefusedAndCreatesNothing()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);

        var (response, html) = await CreateAsync(client, With(LiveForm(), "Input.Name", "bad\0name"));

        // The request pipeline may refuse the NUL before the page sees it; either way nothing is created.
        var count = await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().AccessTokens.CountAsync(t => t.OwnerId == user.Id));
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest || ErrorBeside(html, "Input.Name") != "");
        Assert.Equal(0, count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(731)]
    public async Task Create_CustomDateInPastOrTooFar_IsRefusedBesideTheDate(int daysAhead)
    {
        using var client = await SignedInAsync(await factory.CreateUserAsync());
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(daysAhead)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var form = With(With(LiveForm(), "Input.Expiry", "Custom"), "Input.CustomExpiresOn", day);

        var (_, html) = await CreateAsync(client, form);

        Assert.NotEqual("", ErrorBeside(html, "Input.CustomExpiresOn"));
    }

    [Fact]
    public async Task Create_CustomExpiry_IsStoredInUtcAsTheMidnightAfterTheChosenDay()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30);
        var form = With(With(LiveForm(), "Input.Expiry", "Custom"), "Input.CustomExpiresOn",
            day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        var intended = new DateTimeOffset(day.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero);

        var (response, _) = await CreateAsync(client, form);

        // Read on a session in another time zone: a timestamp without a zone would come back shifted or unmarked.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(factory.ConnectionString)
        {
            Timezone = "Asia/Kolkata",
        };
        await using var source = Npgsql.NpgsqlDataSource.Create(connection.ConnectionString);
        await using var command = source.CreateCommand(
            """
            SELECT "ExpiresAt", "ExpiresAt", format_type(a.atttypid, a.atttypmod),
                   to_char("ExpiresAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')
            FROM "AccessTokens", pg_attribute a
            WHERE "OwnerId" = $1 AND a.attrelid = '"AccessTokens"'::regclass AND a.attname = 'ExpiresAt'
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user.Id });
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        var asDateTime = reader.GetDateTime(0);
        var asOffset = reader.GetFieldValue<DateTimeOffset>(1);
        var columnType = reader.GetString(2);
        var utcText = reader.GetString(3);
        var entity = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.AsNoTracking().SingleAsync(t => t.OwnerId == user.Id));
        output.WriteLine($"D3: last day {day:yyyy-MM-dd} stored as {columnType} {utcText} UTC; read back with "
            + $"Kind {asDateTime.Kind}, offset {asOffset.Offset}, EF offset {entity.ExpiresAt?.Offset}; "
            + $"intended {intended:O}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("timestamp with time zone", columnType);
        Assert.Equal(DateTimeKind.Utc, asDateTime.Kind);
        Assert.Equal(intended.UtcDateTime, asDateTime);
        Assert.Equal((TimeSpan.Zero, intended), (asOffset.Offset, asOffset));
        Assert.Equal(intended.ToString("yyyy-MM-dd HH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture),
            utcText);
        Assert.Equal((TimeSpan.Zero, intended), (entity.ExpiresAt!.Value.Offset, entity.ExpiresAt.Value));
        Assert.False(await reader.ReadAsync());
    }

    [Theory]
    [InlineData("2027-01-01T00:00:00+05:00")]
    [InlineData("2027-01-01T00:00:00Z")]
    [InlineData("2027-01-01 23:59")]
    [InlineData("2027-01-01+05:00")]
    [InlineData("31/12/2027")]
    [InlineData("2027-02-30")]
    [InlineData("tomorrow")]
    public async Task Create_CustomDateWithTimeZoneOrBadFormat_IsRefusedWithAClearMessageAndCreatesNothing(
        string value)
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var form = With(With(LiveForm(), "Input.Expiry", "Custom"), "Input.CustomExpiresOn", value);

        var (response, html) = await CreateAsync(client, form);

        var count = await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().AccessTokens.CountAsync(t => t.OwnerId == user.Id));
        output.WriteLine($"D3: custom date {value} -> {(int)response.StatusCode}, {count} tokens created, beside the "
            + $"field: {ErrorBeside(html, "Input.CustomExpiresOn")}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(CreateModel.CustomDateFormatMessage, ErrorBeside(html, "Input.CustomExpiresOn"));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task Create_LiveWithoutExpiry_NeedsThePasswordAgain()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var forever = With(LiveForm("Forever token"), "Input.Expiry", "None");

        var (_, refused) = await CreateAsync(client, forever);
        var (_, wrong) = await CreateAsync(client, With(forever, "CurrentPassword", "not my password"));
        var (_, accepted) = await CreateAsync(client, With(forever, "CurrentPassword", user.Password));

        Assert.Contains("Enter your password again", ErrorBeside(refused, "CurrentPassword"), StringComparison.Ordinal);
        Assert.Contains("Enter your password again", ErrorBeside(wrong, "CurrentPassword"), StringComparison.Ordinal);
        Assert.Matches(TokenValue(), accepted);
        Assert.DoesNotContain(user.Password, accepted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_LiveWithoutExpiryWhileLockedOut_IsRefusedEvenWithTheRightPassword()
    {
        // Identity's CheckPasswordSignInReturnsLockedOutWhenLockedOut, against this page's password check: the
        // session stays valid while someone else locks the account, and the right password must not unlock it.
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        using var attacker = factory.CreatePortalClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await attacker.SignInAsync(user.Email, "wrong password");
        }

        var lockedOut = await IsLockedOutAsync(user);
        var forever = With(With(LiveForm("Forever token"), "Input.Expiry", "None"), "CurrentPassword", user.Password);
        var (response, html) = await CreateAsync(client, forever);

        Assert.True(lockedOut);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Enter your password again", ErrorBeside(html, "CurrentPassword"), StringComparison.Ordinal);
        Assert.DoesNotMatch(TokenValue(), html);
        Assert.Equal(0, await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.CountAsync(t => t.OwnerId == user.Id)));
        Assert.True(await IsLockedOutAsync(user));
    }

    [Fact]
    public async Task Create_TestModeWithWhitelists_IsRefusedBesideEachWhitelist()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var form = With(With(With(LiveForm(), "Input.Mode", "Test"), "Input.Expiry", "TwoMonths"),
            "Input.IpWhitelist", "203.0.113.4");
        form.Add(new("Input.WhitelistedSpaceId", user.SpaceId));

        var (_, html) = await CreateAsync(client, form);

        Assert.Equal("IP whitelisting is for live tokens only.", ErrorBeside(html, "Input.IpWhitelist"));
        Assert.Equal("Space whitelisting is for live tokens only.", ErrorBeside(html, "Input.WhitelistedSpaceId"));
    }

    [Fact]
    public async Task Create_MassAssignedFields_AreIgnored()
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        var form = With(LiveForm(), "Input.Mode", "Test");
        form.RemoveAll(pair => pair.Key == "Input.Expiry");
        form.AddRange([
            new("Input.OwnerId", other.Id), new("OwnerId", other.Id),
            new("Input.OrganizationId", Guid.NewGuid().ToString()),
            new("Input.ExpiresAt", "2099-01-01"), new("Input.RevokedAt", "2020-01-01"), new("Input.SecretHash", "x"),
        ]);

        var (_, html) = await CreateAsync(client, form);

        var id = Guid.Parse(DetailsLink().Match(html).Groups[1].Value);
        var token = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AccessTokens.AsNoTracking().SingleAsync(t => t.Id == id));
        Assert.Equal((user.Id, user.OrganizationId, (DateTimeOffset?)null), (token.OwnerId, token.OrganizationId,
            token.RevokedAt));
        Assert.InRange(token.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(58), DateTimeOffset.UtcNow.AddDays(63));
        Assert.StartsWith("$argon2id$", token.SecretHash, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithoutAntiforgeryToken_Is400AndCreatesNothing()
    {
        var user = await factory.CreateUserAsync();
        using var client = await SignedInAsync(user);
        using var content = new FormUrlEncodedContent(LiveForm());

        using var response = await client.PostAsync("/Tokens/Create", content);

        var count = await factory.WithServicesAsync(services =>
            services.GetRequiredService<PortalDbContext>().AccessTokens.CountAsync(t => t.OwnerId == user.Id));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task OtherUsersToken_DetailsRevokeRotate_Are404()
    {
        using var owner = await SignedInAsync(await factory.CreateUserAsync());
        var (_, html) = await CreateAsync(owner, LiveForm());
        var id = DetailsLink().Match(html).Groups[1].Value;
        using var stranger = await SignedInAsync(await factory.CreateUserAsync());
        var revokeForm = new Dictionary<string, string> { ["Reason"] = "mine" };
        var rotateForm = new Dictionary<string, string> { ["Grace"] = "Now" };

        using var details = await stranger.GetAsync($"/Tokens/{id}");
        using var revoke = await stranger.PostFormAsync("/Tokens/Create", $"/Tokens/{id}?handler=Revoke", revokeForm);
        using var rotate = await stranger.PostFormAsync("/Tokens/Create", $"/Tokens/{id}?handler=Rotate", rotateForm);

        Assert.Equal(HttpStatusCode.NotFound, details.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, rotate.StatusCode);
    }

    [Fact]
    public async Task ColleaguesToken_EveryHandlerTakingATokenId_IsRefusedAndLeavesTheRowUnchanged()
    {
        var developer = await factory.CreateUserAsync();
        var colleague = await ColleagueSharingASpaceAsync(developer);
        var active = await ApiTestTokens.CreateAsync(factory, colleague);
        var (_, rotatedId) = await ApiTestTokens.CreateAsync(factory, colleague);
        var rotation = await factory.WithServicesAsync(services => services.GetRequiredService<TokenService>()
            .RotateAsync(ApiTestTokens.ActorOf(colleague), rotatedId, RotationGrace.OneHour));
        Assert.Equal(TokenChangeResult.Changed, rotation.Outcome);
        var before = await TokenRowsAsync(colleague);
        using var client = await SignedInAsync(developer);
        var antiforgery = PortalClientExtensions.AntiforgeryToken(await client.GetStringAsync("/Developer"));
        var handlers = await TokenIdHandlersAsync();
        handlers.Add("POST /Admin/Tokens?handler=Revoke");

        var answers = new List<(string Attempt, HttpStatusCode Status)>();
        foreach (var id in new[] { active.Id, rotatedId })
        {
            foreach (var handler in handlers)
            {
                var status = await SendAsColleagueAsync(client, handler, id, antiforgery);
                answers.Add(($"{handler} on {(id == rotatedId ? "a token in grace" : "an active token")}", status));
            }
        }

        var after = await TokenRowsAsync(colleague);
        var audited = await factory.WithServicesAsync(services => services.GetRequiredService<PortalDbContext>()
            .AuditEvents.CountAsync(e => e.ActorId == developer.Id && e.TokenId != null));
        var successes = answers.Count(a => a.Status is not (HttpStatusCode.NotFound or HttpStatusCode.Forbidden));
        output.WriteLine($"C1: successes on a same-organisation colleague's tokens = {successes} of {answers.Count}");
        foreach (var (attempt, status) in answers)
        {
            output.WriteLine($"C1: {attempt} -> {(int)status}");
        }

        Assert.Superset(new HashSet<string>
        {
            "GET /Tokens/{id}", "GET /Tokens/{id}/Explain", "GET /Usage/Token/{id}",
            "POST /Tokens/{id}?handler=Revoke", "POST /Tokens/{id}?handler=Rotate",
            "POST /Tokens/{id}?handler=Narrow", "POST /Tokens/{id}?handler=EndGrace",
        }, handlers.ToHashSet());
        Assert.Equal(0, successes);
        Assert.Equal(before, after);
        Assert.Equal(0, audited);
    }

    [Fact]
    public async Task Details_RotateThenRevoke_ShowsNewSecretOnceAndHistory()
    {
        using var client = await SignedInAsync(await factory.CreateUserAsync());
        var (_, html) = await CreateAsync(client, LiveForm());
        var id = DetailsLink().Match(html).Groups[1].Value;

        using var rotate = await client.PostFormAsync($"/Tokens/{id}", $"/Tokens/{id}?handler=Rotate",
            new Dictionary<string, string> { ["Grace"] = "OneHour" });
        var rotated = await rotate.Content.ReadAsStringAsync();
        var newSecret = TokenValue().Match(rotated).Groups[1].Value;
        using var revoke = await client.PostFormAsync($"/Tokens/{id}", $"/Tokens/{id}?handler=Revoke",
            new Dictionary<string, string> { ["Reason"] = "No longer used" });
        var after = await client.GetStringAsync($"/Tokens/{id}");

        Assert.Contains("no-store", rotate.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Matches("^mon_[0-9A-Za-z]{31}$", newSecret);
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.DoesNotContain(newSecret, after, StringComparison.Ordinal);
        Assert.Contains("token.rotated", after, StringComparison.Ordinal);
        Assert.Contains("token.revoked", after, StringComparison.Ordinal);
        Assert.Contains("No longer used", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_FiltersAndHostileSearch_AnswerWithoutError()
    {
        using var client = await SignedInAsync(await factory.CreateUserAsync());
        await CreateAsync(client, LiveForm("Alpha live"));
        await CreateAsync(client, With(With(LiveForm("Beta test"), "Input.Mode", "Test"), "Input.Expiry", "TwoMonths"));

        var test = await client.GetStringAsync("/Tokens?mode=Test");
        var search = await client.GetStringAsync("/Tokens?q=alpha");
        using var hostile = await client.GetAsync("/Tokens?q=%25'%3B--%5C_&status=Nope&after=zz.zz");

        Assert.Contains("Beta test", test, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha live", test, StringComparison.Ordinal);
        Assert.Contains("Alpha live", search, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, hostile.StatusCode);
    }

    /// <summary>
    /// A Monimeer of <paramref name="developer"/>'s organisation, with the developer a member of their Space.
    /// </summary>
    private async Task<TestUser> ColleagueSharingASpaceAsync(TestUser developer)
    {
        var colleague = await factory.CreateUserAsync();
        await using var db = await TestDatabase.OpenAsync();
        await db.Users.Where(u => u.Id == colleague.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.OrganizationId, developer.OrganizationId));
        db.SpaceMemberships.Add(new SpaceMembership
        {
            SpaceId = colleague.SpaceId,
            MonimeerId = developer.Id,
            Role = SpaceRole.Developer,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return colleague with { OrganizationId = developer.OrganizationId };
    }

    /// <summary>
    /// Every column a handler could change, and the row version, which any update of the row changes; sorted
    /// by id so that a replacement created by a rotation shows as an extra row.
    /// </summary>
    private static async Task<string> TokenRowsAsync(TestUser owner)
    {
        await using var db = await TestDatabase.OpenAsync();
        var rows = await db.AccessTokens.AsNoTracking().Where(t => t.OwnerId == owner.Id).OrderBy(t => t.Id)
            .Select(t => new
            {
                t.Id,
                t.Version,
                t.Name,
                t.SecretHash,
                t.ExpiresAt,
                t.RevokedAt,
                t.RevokedById,
                t.RevocationReason,
                t.ReplacedById,
                t.RotatedAt,
                t.WhitelistedSpaceId,
                t.IpWhitelist,
                t.Permissions,
            })
            .ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(rows);
    }

    /// <summary>
    /// The portal's handlers whose route takes a token id, found from the app's endpoints so that a handler added
    /// later is tried too.
    /// </summary>
    private async Task<List<string>> TokenIdHandlersAsync()
    {
        var loader = factory.Services.GetRequiredService<PageLoader>();
        var handlers = new List<string>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page
                || endpoint.RoutePattern.RawText is not { } template
                || !template.Contains("{id", StringComparison.Ordinal))
            {
                continue;
            }

            var compiled = page as CompiledPageActionDescriptor ?? await loader.LoadAsync(page, endpoint.Metadata);
            var path = "/" + IdParameter().Replace(template.TrimStart('/'), "{id}");
            handlers.AddRange(compiled.HandlerMethods.Count == 0
                ? [$"GET {path}"]
                : compiled.HandlerMethods.Select(h =>
                    $"{h.HttpMethod.ToUpperInvariant()} {path}{(h.Name is null ? "" : "?handler=" + h.Name)}"));
        }

        return [.. handlers.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// The answer to one attempt; a redirect to the access-denied page counts as the 403 that page answers, any
    /// other redirect (a handler's success) stays a redirect.
    /// </summary>
    private static async Task<HttpStatusCode> SendAsColleagueAsync(
        HttpClient client, string handler, Guid id, string antiforgery)
    {
        var (method, path) = (handler.Split(' ')[0], handler.Split(' ')[1].Replace("{id}", id.ToString(),
            StringComparison.Ordinal));
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = antiforgery,
            ["id"] = id.ToString(),
            ["Reason"] = "acting on a colleague's token",
            ["Grace"] = nameof(RotationGrace.Now),
            ["Keep"] = "payments:read",
        });
        using var response = method == "GET"
            ? await client.GetAsync(path)
            : await client.PostAsync(path.Contains('?', StringComparison.Ordinal) ? $"{path}&id={id}" : path, form);
        if (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            && new Uri(client.BaseAddress!, location).AbsolutePath == "/Account/AccessDenied")
        {
            using var denied = await client.GetAsync(location);
            return denied.StatusCode;
        }

        return response.StatusCode;
    }

    [GeneratedRegex(@"\{id[^}]*\}")]
    private static partial Regex IdParameter();

    [GeneratedRegex("id=\"token-value\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenValue();

    [GeneratedRegex("href=\"/Tokens/([0-9a-f-]{36})\"")]
    private static partial Regex DetailsLink();
}
