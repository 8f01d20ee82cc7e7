using Monime.Portal.Tokens;

namespace Monime.Portal.Core.Tests.Tokens;

public sealed class CreateTokenValidatorTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private readonly CreateTokenValidator _validator =
        new(new HashSet<string> { "spc_mine" }, s_now, new TokenOptions { MaxCustomLifetimeDays = 730 });

    private static CreateTokenInput Live() => new()
    {
        Name = "Main Website Integration",
        Mode = TokenMode.Live,
        Expiry = TokenExpiry.OneYear,
        Services = ["payments"],
        Permissions = ["payments:read"],
    };

    [Fact]
    public void Validate_GoodLiveInput_IsValid()
    {
        var input = Live() with { WhitelistedSpaceId = "spc_mine", IpWhitelist = "203.0.113.0/24\n2001:db8::1" };

        var result = _validator.Validate(input);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Theory]
    [InlineData("", "Name")]
    [InlineData("   ", "Name")]
    [InlineData("bad\0name", "Name")]
    [InlineData("evil\u202Etxt.exe", "Name")]
    public void Validate_BadName_IsRefusedOnName(string name, string property)
    {
        var result = _validator.Validate(Live() with { Name = name });

        Assert.Contains(result.Errors, error => error.PropertyName == property);
    }

    [Fact]
    public void Validate_NameAtAndOverMaximum_AcceptsMaxRefusesMaxPlusOne()
    {
        var atMax = _validator.Validate(Live() with { Name = new string('a', TokenRules.MaxNameLength) });
        var overMax = _validator.Validate(Live() with { Name = new string('a', TokenRules.MaxNameLength + 1) });

        Assert.True(atMax.IsValid);
        Assert.Contains(overMax.Errors, error => error.PropertyName == "Name");
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-1, false)]
    [InlineData(1, true)]
    [InlineData(730, true)]
    [InlineData(731, false)]
    public void Validate_CustomDate_MustBeFutureAndWithinMaximum(int daysAhead, bool valid)
    {
        var input = Live() with
        {
            Expiry = TokenExpiry.Custom,
            CustomExpiresOn = DateOnly.FromDateTime(s_now.UtcDateTime).AddDays(daysAhead),
        };

        var result = _validator.Validate(input);

        Assert.Equal(valid, result.IsValid);
    }

    [Fact]
    public void Validate_TestModeWithWhitelistsOrLongExpiry_IsRefusedOnEachField()
    {
        var input = Live() with
        {
            Mode = TokenMode.Test,
            Expiry = TokenExpiry.None,
            WhitelistedSpaceId = "spc_mine",
            IpWhitelist = "1.2.3.4",
        };

        var result = _validator.Validate(input);

        Assert.Equal(
            ["Expiry", "IpWhitelist", "WhitelistedSpaceId"],
            result.Errors.Select(error => error.PropertyName).Distinct().Order());
    }

    [Theory]
    [InlineData("admin:*")]
    [InlineData("Payments:Read")]
    [InlineData(" payments:read")]
    [InlineData("payouts:write")]
    public void Validate_PermissionOutsideCatalogOrServices_IsRefused(string permission)
    {
        var result = _validator.Validate(Live() with { Permissions = [permission] });

        Assert.Contains(result.Errors, error => error.PropertyName.StartsWith("Permissions", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SpaceNotOwnedUnknownReleaseTooManyIps_AreRefused()
    {
        var ips = string.Join('\n', Enumerable.Range(1, TokenRules.MaxIpEntries + 1).Select(i => $"203.0.113.{i}"));
        var input = Live() with { WhitelistedSpaceId = "spc_other", ApiRelease = "v9", IpWhitelist = ips };

        var result = _validator.Validate(input);

        Assert.Equal(
            ["ApiRelease", "IpWhitelist", "WhitelistedSpaceId"],
            result.Errors.Select(error => error.PropertyName).Distinct().Order());
    }

    [Fact]
    public void Validate_NoPermission_IsRefused()
    {
        var result = _validator.Validate(Live() with { Permissions = [] });

        Assert.Contains(result.Errors, error => error.PropertyName == "Permissions");
    }
}
