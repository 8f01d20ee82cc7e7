using System.Text.Json;

namespace Monime.Portal.Web.Api;

internal static class ApiJson
{
    /// <summary>camelCase names, as Monime's API and its SDKs expect.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
