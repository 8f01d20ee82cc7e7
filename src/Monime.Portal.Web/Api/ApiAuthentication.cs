namespace Monime.Portal.Web.Api;

/// <summary>The pipeline's verdict: a caller (null for an anonymous call where allowed), or a refusal.</summary>
public sealed record ApiAuthentication(ApiCaller? Caller, ApiRefusal? Refusal)
{
    public static ApiAuthentication Anonymous { get; } = new(null, null);
}
