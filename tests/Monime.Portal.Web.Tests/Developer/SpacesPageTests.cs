using Monime.Portal.Testing;

namespace Monime.Portal.Web.Tests.Developer;

[Collection(PortalCollection.Name)]
public sealed class SpacesPageTests(PortalAppFactory factory)
{
    [Fact]
    public async Task Developer_SignedIn_ListsOwnSpaceIdsWithCopyButtonsAndNoOtherSpaces()
    {
        var user = await factory.CreateUserAsync();
        var other = await factory.CreateUserAsync();
        using var client = factory.CreatePortalClient();
        await client.SignInAsync(user);

        var html = await client.GetStringAsync("/Developer");

        Assert.Contains($"data-copy=\"{user.SpaceId}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(other.SpaceId, html, StringComparison.Ordinal);
    }
}
