namespace Monime.Portal.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>The furthest a custom expiry date may lie ahead.</summary>
    public int MaxCustomLifetimeDays { get; set; } = 730;

    public int PageSize { get; set; } = 25;
}
