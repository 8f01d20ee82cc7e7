namespace Monime.Portal.Resources;

public static class PhoneNumbers
{
    /// <summary>Absent, or 6 to 15 digits with an optional leading '+': the length range of E.164.</summary>
    public static bool IsPlausible(string? number) =>
        number is null
        || (number.StartsWith('+') ? number[1..] : number) is { Length: >= 6 and <= 15 } digits
            && digits.All(char.IsAsciiDigit);
}
