using System.Text.Json.Serialization;

namespace Monime.Portal.Web.Usage;

public sealed record ChartSeries(
    [property: JsonPropertyName("label")] string Label,
    [property: JsonPropertyName("values")] IReadOnlyList<long> Values);
