using System.Globalization;
using System.Security.Cryptography;

namespace Monime.Portal.Resources;

internal static class TransactionReferences
{
    /// <summary>A ledger reference in the shape Monime prints: date, time to the millisecond, six letters.</summary>
    public static string New(DateTimeOffset now) =>
        now.UtcDateTime.ToString("yyyyMMdd-HHmmssfff", CultureInfo.InvariantCulture) + "-"
        + RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 6);
}
