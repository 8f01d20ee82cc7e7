namespace Monime.Portal.Testing;

/// <summary>
/// The fields of a valid create-token form as the page posts them: a live token for a year, reading payments.
/// Tests change the one field they are about and leave the others valid.
/// </summary>
public static class TokenCreateForm
{
    public static List<KeyValuePair<string, string>> Live(string name, Guid? nonce = null) =>
    [
        new("Input.Name", name),
        new("Input.Mode", "Live"),
        new("Input.Expiry", "OneYear"),
        new("Input.ApiRelease", "caph.2025-08-23"),
        new("Input.Services", "payments"),
        new("Input.Permissions", "payments:read"),
        new("Input.Nonce", (nonce ?? Guid.NewGuid()).ToString()),
    ];
}
