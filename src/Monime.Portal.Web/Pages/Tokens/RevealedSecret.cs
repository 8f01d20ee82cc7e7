namespace Monime.Portal.Web.Pages.Tokens;

/// <summary>
/// A token's full value for the one response that shows it. It lives only in that response's page model:
/// never in a redirect, TempData, a cookie or a URL, so no later request can bring it back.
/// </summary>
public sealed record RevealedSecret(Guid TokenId, string Name, string Value, string SelfTestCommand)
{
    public static RevealedSecret For(Guid tokenId, string name, string value, HttpRequest request) =>
        new(tokenId, name, value,
            $"curl -H \"Authorization: Bearer {value}\" {request.Scheme}://{request.Host}/v1");

    // Records print every member by default; this one holds a secret.
    public override string ToString() => $"Revealed secret of token {TokenId}";
}
