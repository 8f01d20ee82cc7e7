using System.Text.Json.Serialization;

namespace Monime.Portal.Web.Usage;

/// <summary>What one chart draws; <see cref="Kind"/> picks the chart type and colours in the script.</summary>
public sealed record ChartData(
    [property: JsonPropertyName("kind")] string Kind,
    [property: JsonPropertyName("labels")] IReadOnlyList<string> Labels,
    [property: JsonPropertyName("series")] IReadOnlyList<ChartSeries> Series);
