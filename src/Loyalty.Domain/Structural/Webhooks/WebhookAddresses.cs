using System.Net;
using System.Net.Sockets;

namespace Loyalty.Domain.Structural.Webhooks;

/// <summary>
/// Which addresses a webhook may be posted to: public unicast only. Loopback, private, shared (CGNAT), link-local
/// (including the cloud metadata service 169.254.169.254), unique-local, multicast and unspecified addresses are refused,
/// so a subscription cannot make the server call into its own network (SSRF).
/// </summary>
public static class WebhookAddresses
{
    public static bool IsPublic(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => IsPublicV4(address.GetAddressBytes()),
            AddressFamily.InterNetworkV6 => IsPublicV6(address),
            _ => false,
        };
    }

    private static bool IsPublicV4(byte[] b) =>
        !(b[0] == 0 // "this network", 0.0.0.0
          || b[0] == 10
          || b[0] == 127
          || (b[0] == 100 && b[1] is >= 64 and <= 127) // shared address space (CGNAT)
          || (b[0] == 169 && b[1] == 254) // link-local, cloud metadata
          || (b[0] == 172 && b[1] is >= 16 and <= 31)
          || (b[0] == 192 && b[1] == 168)
          || (b[0] == 192 && b[1] == 0 && b[2] == 0) // IETF protocol assignments
          || (b[0] == 198 && b[1] is 18 or 19) // benchmarking
          || b[0] >= 224); // multicast, reserved, broadcast

    private static bool IsPublicV6(IPAddress address)
    {
        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        if ((b[0] & 0xFE) == 0xFC)
        {
            return false; // fc00::/7 unique local
        }

        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return false; // ::/96: unspecified, loopback, IPv4-compatible
        }

        // Addresses that carry an IPv4 address inside: NAT64 64:ff9b::/96 and 6to4 2002::/16 are judged by it.
        if (b[0] == 0 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsPublicV4(b[12..16]);
        }

        return b[0] == 0x20 && b[1] == 0x02 ? IsPublicV4(b[2..6]) : true;
    }
}
