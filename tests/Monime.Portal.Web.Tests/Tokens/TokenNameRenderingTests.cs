using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Monime.Portal.Accounts;
using Monime.Portal.Testing;
using Xunit.Abstractions;

namespace Monime.Portal.Web.Tests.Tokens;

/// <summary>
/// Token names are free text, markup included: the validator refuses only control and text-direction
/// characters. Every page that shows a name must show it as text, encoded, in element content and in attributes.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed partial class TokenNameRenderingTests(PortalAppFactory factory, ITestOutputHelper output)
{
    public static TheoryData<string> HostileNames => new()
    {
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(2)>",
        "\"'&<b>bold</b>",
        "\" onmouseover=\"alert(3)",
        "</textarea><svg onload=alert(4)>",
    };

    [Theory]
    [MemberData(nameof(HostileNames))]
    public async Task Pages_TokenNamedWithMarkup_ShowTheNameEncodedEverywhere(string name)
    {
        var user = await factory.CreateUserAsync(PortalRoles.Admin, PortalRoles.Ops);
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);
        var (created, createdHtml) = await CreateThroughTheFormAsync(client, name);
        var id = DetailsLink().Match(createdHtml).Groups[1].Value;
        var unused = await factory.CreateTokenAsync(user, name);
        await factory.RecordAsync([UsageSeed.Call(Guid.Parse(id), DateTimeOffset.UtcNow.AddMinutes(-5))]);

        // The developer page names only tokens about to expire.
        var expiring = await factory.CreateTokenAsync(user, name);
        await using (var db = await TestDatabase.OpenAsync())
        {
            await db.AccessTokens.Where(t => t.Id == expiring.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(t => t.ExpiresAt, DateTimeOffset.UtcNow.AddDays(3)));
        }

        var pages = new[]
        {
            "/Tokens", $"/Tokens/{id}", $"/Tokens/{id}/Explain", $"/Usage/Token/{id}", $"/Usage/Token/{unused.Id}",
            "/Admin/Tokens", "/Ops", "/Developer",
        };

        var encoded = HtmlEncoder.Default.Encode(name);
        var rendered = new List<(string Page, HttpStatusCode Status, bool Raw, int Encoded)>
        {
            ("POST /Tokens/Create", created, createdHtml.Contains(name, StringComparison.Ordinal),
                Occurrences(createdHtml, encoded)),
        };
        foreach (var page in pages)
        {
            using var response = await client.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            rendered.Add((page, response.StatusCode, html.Contains(name, StringComparison.Ordinal),
                Occurrences(html, encoded)));
        }

        output.WriteLine($"D1: name {name} unencoded on {rendered.Count(r => r.Raw)} of {rendered.Count} pages");
        foreach (var (page, status, raw, count) in rendered)
        {
            output.WriteLine($"D1: {page} -> {(int)status}, raw {raw}, encoded {count} times");
        }

        Assert.All(rendered, r =>
        {
            Assert.Equal(HttpStatusCode.OK, r.Status);
            Assert.False(r.Raw, $"{r.Page} shows the name unencoded.");
            Assert.True(r.Encoded > 0, $"{r.Page} does not show the name at all.");
        });
    }

    private static int Occurrences(string html, string text) =>
        Regex.Count(html, Regex.Escape(text));

    private static async Task<(HttpStatusCode Status, string Html)> CreateThroughTheFormAsync(
        HttpClient client, string name)
    {
        using var response = await client.PostFormAsync("/Tokens/Create", "/Tokens/Create",
            TokenCreateForm.Live(name));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("href=\"/Tokens/([0-9a-f-]{36})\"")]
    private static partial Regex DetailsLink();
}
