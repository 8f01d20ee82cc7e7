namespace Monime.Portal.Tokens;

/// <summary>What the create dialog posts. Owner, organisation and dates are never taken from it.</summary>
public sealed record CreateTokenInput
{
    public string? Name { get; set; }

    public TokenMode Mode { get; set; } = TokenMode.Test;

    public TokenExpiry Expiry { get; set; } = TokenExpiry.TwoMonths;

    /// <summary>Last day (UTC) on which a custom-expiry token works.</summary>
    public DateOnly? CustomExpiresOn { get; set; }

    public string? ApiRelease { get; set; } = ApiReleases.Latest;

    public string? WhitelistedSpaceId { get; set; }

    /// <summary>Addresses and CIDR ranges, one per line or separated by commas.</summary>
    public string? IpWhitelist { get; set; }

    public List<string> Services { get; set; } = [];

    public List<string> Permissions { get; set; } = [];

    /// <summary>Generated with the form; a second submission of the same form creates nothing new.</summary>
    public Guid Nonce { get; set; }

    public IReadOnlyList<string> IpEntries() =>
        (IpWhitelist ?? "")
            .Split([',', '\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
