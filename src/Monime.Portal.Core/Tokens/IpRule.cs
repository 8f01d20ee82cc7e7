using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Monime.Portal.Tokens;

/// <summary>
/// One entry of a token's IP whitelist: an address or a CIDR range, IPv4 or IPv6. IPv4-mapped IPv6
/// addresses are folded to IPv4 on both sides, so <c>::ffff:203.0.113.7</c> matches <c>203.0.113.0/24</c>.
/// </summary>
public sealed partial class IpRule
{
    private readonly byte[] _network;

    private IpRule(IPAddress network, int prefixLength)
    {
        Network = network;
        PrefixLength = prefixLength;
        _network = network.GetAddressBytes();
    }

    public IPAddress Network { get; }

    public int PrefixLength { get; }

    private int FullLength => _network.Length * 8;

    /// <summary>The stored form: a lone address when the range holds one address, else network/prefix.</summary>
    public string Canonical => PrefixLength == FullLength ? Network.ToString() : $"{Network}/{PrefixLength}";

    public static bool TryParse(string? text, [NotNullWhen(true)] out IpRule? rule, out string? error)
    {
        rule = null;
        var entry = text?.Trim() ?? "";
        var slash = entry.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? entry : entry[..slash];

        if (!TryParseAddress(addressText, out var address))
        {
            error = $"'{entry}' is not an IPv4 or IPv6 address.";
            return false;
        }

        var fullLength = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        var prefixLength = fullLength;
        if (slash >= 0 && (!int.TryParse(entry.AsSpan(slash + 1), out prefixLength)
            || prefixLength < 0 || prefixLength > fullLength || entry[(slash + 1)..].StartsWith('+')))
        {
            error = $"'{entry}' has a prefix length outside 0 to {fullLength}.";
            return false;
        }

        if (prefixLength == 0)
        {
            error = $"'{entry}' allows every address; leave the whitelist empty instead.";
            return false;
        }

        var candidate = new IpRule(address, prefixLength);
        if (!candidate.Contains(address) || !candidate.HasNoHostBits())
        {
            error = $"'{entry}' has bits set beyond its prefix; write the network address of the range.";
            return false;
        }

        rule = candidate;
        error = null;
        return true;
    }

    public bool Contains(IPAddress address)
    {
        var bytes = Fold(address).GetAddressBytes();
        if (bytes.Length != _network.Length)
        {
            return false;
        }

        var wholeBytes = PrefixLength / 8;
        if (!bytes.AsSpan(0, wholeBytes).SequenceEqual(_network.AsSpan(0, wholeBytes)))
        {
            return false;
        }

        var remainingBits = PrefixLength % 8;
        if (remainingBits == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - remainingBits));
        return (bytes[wholeBytes] & mask) == (_network[wholeBytes] & mask);
    }

    /// <summary>True when <paramref name="address"/> falls inside any of the stored entries.</summary>
    public static bool AnyContains(IEnumerable<string> canonicalEntries, IPAddress address) =>
        canonicalEntries.Any(entry => TryParse(entry, out var rule, out _) && rule.Contains(address));

    private bool HasNoHostBits()
    {
        for (var bit = PrefixLength; bit < FullLength; bit++)
        {
            if ((_network[bit / 8] & (0x80 >> (bit % 8))) != 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryParseAddress(string text, [NotNullWhen(true)] out IPAddress? address)
    {
        address = null;

        // IPAddress.TryParse also takes "1", "010.0.0.1" (octal) and "1.2.3"; a whitelist wants dotted quads only.
        if (!text.Contains(':', StringComparison.Ordinal) && !DottedQuad().IsMatch(text))
        {
            return false;
        }

        // ScopeId throws for IPv4 addresses, so it is read only for IPv6 ones.
        if (!IPAddress.TryParse(text, out var parsed)
            || (parsed.AddressFamily == AddressFamily.InterNetworkV6 && parsed.ScopeId != 0))
        {
            return false;
        }

        address = Fold(parsed);
        return true;
    }

    private static IPAddress Fold(IPAddress address) =>
        address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    [GeneratedRegex(@"^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$")]
    private static partial Regex DottedQuad();
}
