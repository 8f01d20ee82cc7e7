using System.Text.RegularExpressions;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed partial class TokenFormatTests
{
    [Theory]
    [InlineData(TokenMode.Test)]
    [InlineData(TokenMode.Live)]
    public void Issue_AnyMode_MatchesFormatAndParsesBack(TokenMode mode)
    {
        var issued = TokenFormat.Issue(mode);

        var parsed = TokenFormat.TryParse(issued.Value, out var token);

        Assert.Matches(mode == TokenMode.Test ? TestToken() : LiveToken(), issued.Value);
        Assert.True(parsed);
        Assert.Equal((mode, issued.LookupId, issued.Secret), (token!.Mode, token.LookupId, token.Secret));
    }

    [Fact]
    public void TryParse_TestToken_IsReadAsTestNotAsLiveWithLongerBody()
    {
        var issued = TokenFormat.Issue(TokenMode.Test);

        var parsed = TokenFormat.TryParse(issued.Value, out var token);

        Assert.True(parsed);
        Assert.Equal(TokenMode.Test, token!.Mode);
    }

    [Fact]
    public void TryParse_EveryOneCharacterMutation_IsRejected()
    {
        var value = TokenFormat.Issue(TokenMode.Live).Value;
        var accepted = 0;

        for (var i = 0; i < value.Length; i++)
        {
            foreach (var c in Base62.Alphabet.Where(c => c != value[i]))
            {
                var mutated = string.Concat(value.AsSpan(0, i), c.ToString(), value.AsSpan(i + 1));
                accepted += TokenFormat.TryParse(mutated, out _) ? 1 : 0;
            }
        }

        Assert.Equal(0, accepted);
    }

    [Theory]
    [InlineData("")]
    [InlineData("mon_")]
    [InlineData("mon_test_")]
    [InlineData("Bearer mon_abc")]
    [InlineData("ghp_0123456789012345678901234567890")]
    public void TryParse_Garbage_IsRejected(string value)
    {
        var parsed = TokenFormat.TryParse(value, out var token);

        Assert.False(parsed);
        Assert.Null(token);
    }

    [Fact]
    public void TryParse_ValidTokenWithExtraCharacter_IsRejected()
    {
        var value = TokenFormat.Issue(TokenMode.Test).Value;

        var longer = TokenFormat.TryParse(value + "a", out _);
        var shorter = TokenFormat.TryParse(value.AsSpan(0, value.Length - 1), out _);

        Assert.False(longer);
        Assert.False(shorter);
    }

    [Fact]
    public void Issue_100kTokens_HasNoDuplicateAndEnoughSecretBits()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        var lookups = new HashSet<string>(StringComparer.Ordinal);

        for (var i = 0; i < 100_000; i++)
        {
            var issued = TokenFormat.Issue(i % 2 == 0 ? TokenMode.Live : TokenMode.Test);
            values.Add(issued.Value);
            lookups.Add(issued.LookupId);
        }

        var secretBits = TokenFormat.SecretLength * Math.Log2(62);
        Assert.Equal(100_000, values.Count);
        Assert.Equal(100_000, lookups.Count);
        Assert.True(secretBits >= 96, $"{secretBits:F1} bits");
    }

    [Fact]
    public void Mask_IssuedToken_ShowsPrefixAndLookupOnly()
    {
        var issued = TokenFormat.Issue(TokenMode.Live);

        var masked = TokenFormat.Mask(issued.Mode, issued.LookupId);

        Assert.Equal("mon_" + issued.LookupId + "…", masked);
        Assert.DoesNotContain(issued.Secret, masked, StringComparison.Ordinal);
        Assert.DoesNotContain(issued.Secret, issued.ToString(), StringComparison.Ordinal);
    }

    [GeneratedRegex("^mon_test_[0-9A-Za-z]{31}$")]
    private static partial Regex TestToken();

    [GeneratedRegex("^mon_[0-9A-Za-z]{31}$")]
    private static partial Regex LiveToken();
}
