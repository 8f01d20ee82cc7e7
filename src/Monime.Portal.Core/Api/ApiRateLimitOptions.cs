namespace Monime.Portal.Api;

/// <summary>Calls per second a single token may make, by mode; test tokens are kept smaller on purpose.</summary>
public sealed class ApiRateLimitOptions
{
    public int LivePerSecond { get; set; } = 20;

    public int TestPerSecond { get; set; } = 5;
}
