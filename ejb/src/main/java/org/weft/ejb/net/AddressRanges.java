package org.weft.ejb.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * CIDR ranges of IP addresses a server-side request may or may not reach. Two policies: a fetch on
 * a user's behalf (URL previews) must not reach by default what the spec's URL preview advice and
 * Synapse's {@code url_preview_ip_range_blacklist} name (loopback, private, link-local,
 * carrier-grade NAT, unique-local IPv6, multicast and the like); federation, whose peers on an
 * intranet are private addresses, refuses only what the operator lists.
 */
public final class AddressRanges {

    /** One CIDR range. */
    public record Range(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }

    private static final List<Range> NEVER_BY_DEFAULT = parse("0.0.0.0/8,10.0.0.0/8,100.64.0.0/10,127.0.0.0/8,"
            + "169.254.0.0/16,172.16.0.0/12,192.0.0.0/24,192.0.2.0/24,192.168.0.0/16,198.18.0.0/15,198.51.100.0/24,"
            + "203.0.113.0/24,224.0.0.0/4,240.0.0.0/4,::1/128,::/128,fe80::/10,fc00::/7,ff00::/8,2001:db8::/32,"
            + "64:ff9b::/96"); // IPv4-mapped IPv6 is judged as IPv4 (Java parses it so; unmapped() too)

    private final List<Range> allowed;
    private final List<Range> denied;
    private final boolean privateByDefault;

    /**
     * A fetch on a user's behalf: private and loopback ranges are refused unless allowed.
     *
     * @throws IllegalArgumentException for a malformed range
     */
    public AddressRanges(String allowed, String denied) {
        this(allowed, denied, true);
    }

    private AddressRanges(String allowed, String denied, boolean privateByDefault) {
        this.allowed = parse(allowed);
        this.denied = parse(denied);
        this.privateByDefault = privateByDefault;
    }

    /**
     * Only the listed ranges are refused (federation: weft.federation.denied_ranges).
     *
     * @throws IllegalArgumentException for a malformed range
     */
    public static AddressRanges denying(String denied) {
        return new AddressRanges("", denied, false);
    }

    /** Whether a request may connect to {@code address}: explicitly allowed, or neither private nor denied. */
    public boolean permits(InetAddress address) {
        InetAddress plain = unmapped(address);
        if (allowed.stream().anyMatch(r -> r.contains(plain))) {
            return true;
        }
        return (!privateByDefault || NEVER_BY_DEFAULT.stream().noneMatch(r -> r.contains(plain)))
                && denied.stream().noneMatch(r -> r.contains(plain));
    }

    /**
     * Parses comma-separated CIDR ranges ({@code 10.0.0.0/8}, {@code fd00::/8}; a bare address is
     * a range of one).
     *
     * @throws IllegalArgumentException for a malformed range
     */
    public static List<Range> parse(String ranges) {
        List<Range> parsed = new ArrayList<>();
        if (ranges == null) {
            return parsed;
        }
        for (String text : ranges.split(",")) {
            String range = text.trim();
            if (range.isEmpty()) {
                continue;
            }
            int slash = range.indexOf('/');
            String host = slash < 0 ? range : range.substring(0, slash);
            if (!host.matches("[0-9a-fA-F:.]+")) {
                throw new IllegalArgumentException("Not an IP range: " + range); // never a DNS lookup
            }
            try {
                byte[] network = InetAddress.getByName(host).getAddress();
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(range.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("Bad prefix length: " + range);
                }
                parsed.add(new Range(network, prefix));
            } catch (UnknownHostException | NumberFormatException e) {
                throw new IllegalArgumentException("Not an IP range: " + range);
            }
        }
        return parsed;
    }

    /** An IPv4-mapped IPv6 address is judged as the IPv4 address it carries. */
    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] b = address.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10 && mapped; i++) {
                mapped = b[i] == 0;
            }
            if (mapped && b[10] == (byte) 0xff && b[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
                } catch (UnknownHostException impossible) {
                    return address;
                }
            }
        }
        return address;
    }
}
