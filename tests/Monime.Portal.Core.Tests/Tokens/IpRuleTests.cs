using System.Net;
using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed class IpRuleTests
{
    [Theory]
    [InlineData("203.0.113.45", "203.0.113.45", true)]
    [InlineData("203.0.113.45", "203.0.113.46", false)]
    [InlineData("203.0.113.45", "203.0.113.44", false)]
    [InlineData("203.0.113.0/24", "203.0.113.0", true)]
    [InlineData("203.0.113.0/24", "203.0.113.255", true)]
    [InlineData("203.0.113.0/24", "203.0.112.255", false)]
    [InlineData("203.0.113.0/24", "203.0.114.0", false)]
    [InlineData("203.0.113.0/24", "::ffff:203.0.113.7", true)]
    [InlineData("2001:db8::/32", "2001:db8:ffff::1", true)]
    [InlineData("2001:db8::/32", "2001:db9::1", false)]
    [InlineData("2001:db8::1", "2001:db8::1", true)]
    public void Contains_Boundaries_MatchOnlyInside(string rule, string address, bool expected)
    {
        Assert.True(IpRule.TryParse(rule, out var parsed, out _));

        var contains = parsed.Contains(IPAddress.Parse(address));

        Assert.Equal(expected, contains);
    }

    [Theory]
    [InlineData("203.0.113.0/33")]
    [InlineData("256.1.1.1")]
    [InlineData("010.0.0.1")]
    [InlineData("0.0.0.0/0")]
    [InlineData("::/0")]
    [InlineData("1.2.3")]
    [InlineData("203.0.113.5/24")]
    [InlineData("2001:db8::/129")]
    [InlineData("fe80::1%1")]
    [InlineData("203.0.113.0/+24")]
    [InlineData("example.com")]
    [InlineData("")]
    public void TryParse_BadEntry_IsRejectedWithReason(string entry)
    {
        var parsed = IpRule.TryParse(entry, out var rule, out var error);

        Assert.False(parsed);
        Assert.Null(rule);
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Theory]
    [InlineData("  203.0.113.45  ", "203.0.113.45")]
    [InlineData("203.0.113.45/32", "203.0.113.45")]
    [InlineData(" 203.0.113.0/24", "203.0.113.0/24")]
    [InlineData("2001:DB8:0:0::/32", "2001:db8::/32")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    public void Canonical_AcceptedEntry_IsStoredInCanonicalForm(string entry, string canonical)
    {
        var parsed = IpRule.TryParse(entry, out var rule, out _);

        Assert.True(parsed);
        Assert.Equal(canonical, rule!.Canonical);
    }
}
