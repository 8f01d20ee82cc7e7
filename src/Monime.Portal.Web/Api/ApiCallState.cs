using Monime.Portal.Tokens;

namespace Monime.Portal.Web.Api;

/// <summary>What the pipeline learns about one API call, for its usage record and its log lines.</summary>
public sealed class ApiCallState(string requestId)
{
    public string RequestId { get; } = requestId;

    public VerifiedToken? Token { get; set; }

    public Guid? TokenId { get; set; }

    public string? SpaceId { get; set; }

    public string? Permission { get; set; }

    public string? RefusalReason { get; set; }

    public string? ApiRelease { get; set; }

    /// <summary>
    /// When the authenticator let the call through, on the portal's clock: what shows that no call was let
    /// through after its token's revocation committed.
    /// </summary>
    public DateTimeOffset? AuthorizedAt { get; set; }
}
