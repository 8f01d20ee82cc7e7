namespace Monime.Portal.Web.Api;

public enum BearerHeaderKind
{
    /// <summary>No Authorization header and no token anywhere else.</summary>
    Missing = 0,

    /// <summary>Exactly one <c>Authorization: Bearer &lt;value&gt;</c> with a non-empty value.</summary>
    Present = 1,

    /// <summary>Empty value, several headers, another scheme, or a token in the query string.</summary>
    Invalid = 2,
}
