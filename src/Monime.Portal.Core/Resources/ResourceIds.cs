using Monime.Portal.Tokens;

namespace Monime.Portal.Resources;

/// <summary>
/// Ids in Monime's style: a short type prefix, a dash, then random base62. The prefix tells a reader (and a
/// support ticket) what kind of object an id names; the random body makes ids unguessable across Spaces.
/// </summary>
public static class ResourceIds
{
    public const string FinancialAccount = "fac-";

    public const string PaymentCode = "pmc-";

    public const string Payment = "spm-";

    public const string Payout = "pot-";

    public const string Customer = "cus-";

    public const int MaxLength = 64;

    private const int BodyLength = 27;

    public static string NewId(string prefix) => prefix + Base62.Random(BodyLength);
}
