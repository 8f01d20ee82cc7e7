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
    public void TryParse_OneCharacterMutations_AreRejectedAtTheChecksumRate()
    {
        // 4 base62 checksum digits cannot tell every mutation apart: a changed lookup or secret character
        // passes with a chance of 1 in 62^4, so these 164,700 such mutations let 0.011 through on average and
        // 3 or more about once in 4 million runs. A checksum blind to any part of the body would pass thousands.
        var mutations = 0;
        var accepted = 0;

        for (var n = 0; n < 100; n++)
        {
            var value = TokenFormat.Issue(n % 2 == 0 ? TokenMode.Live : TokenMode.Test).Value;
            for (var i = 0; i < value.Length; i++)
            {
                foreach (var c in Base62.Alphabet.Where(c => c != value[i]))
                {
                    var mutated = string.Concat(value.AsSpan(0, i), c.ToString(), value.AsSpan(i + 1));
                    mutations++;
                    accepted += TokenFormat.TryParse(mutated, out _) ? 1 : 0;
                }
            }
        }

        Assert.True(accepted <= 2, $"{accepted} of {mutations} one-character mutations accepted");
    }

    [Fact]
    public void TryParse_ChecksumCharacterMutated_IsRejected()
    {
        var value = TokenFormat.Issue(TokenMode.Live).Value;
        var accepted = 0;

        for (var i = value.Length - TokenFormat.ChecksumLength; i < value.Length; i++)
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
    public void Issue_100kTokens_MatchFormatWithValidChecksumNoDuplicateAndAtLeast128SecretBits()
    {
        var values = new HashSet<string>(StringComparer.Ordinal);
        var secrets = new HashSet<string>(StringComparer.Ordinal);
        var malformed = 0;

        for (var i = 0; i < 100_000; i++)
        {
            var mode = i % 2 == 0 ? TokenMode.Live : TokenMode.Test;
            var issued = TokenFormat.Issue(mode);
            values.Add(issued.Value);
            secrets.Add(issued.Secret);
            var shaped = (mode == TokenMode.Test ? TestToken() : LiveToken()).IsMatch(issued.Value);
            malformed += shaped && TokenFormat.TryParse(issued.Value, out _) ? 0 : 1;
        }

        // Lookup ids are not asserted unique: 100k draws from 62^5 collide about five times, which is why
        // issuing retries on the unique index (TokenServiceTests), while 131-bit secrets never should.
        var secretBits = TokenFormat.SecretLength * Math.Log2(62);
        Assert.Equal(0, malformed);
        Assert.Equal(100_000, values.Count);
        Assert.Equal(100_000, secrets.Count);
        Assert.True(secretBits >= 128, $"{secretBits:F1} bits");
    }

    [Fact]
    public void Compose_SameLookupOtherSecret_ParsesWithThatSecret()
    {
        var issued = TokenFormat.Issue(TokenMode.Live);
        var otherSecret = Base62.Random(TokenFormat.SecretLength);

        var composed = TokenFormat.Compose(issued.Mode, issued.LookupId, otherSecret);

        Assert.True(TokenFormat.TryParse(composed, out var token));
        Assert.Equal((TokenMode.Live, issued.LookupId, otherSecret), (token!.Mode, token.LookupId, token.Secret));
        Assert.Equal(issued.Value, TokenFormat.Compose(issued.Mode, issued.LookupId, issued.Secret));
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
