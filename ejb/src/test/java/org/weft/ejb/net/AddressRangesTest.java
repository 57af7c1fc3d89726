package org.weft.ejb.net;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which addresses a URL preview may reach. */
class AddressRangesTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "::1", "fe80::1", "fd12:3456::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "224.0.0.1"})
    void privateLoopbackAndLinkLocalAddressesAreRefusedByDefault(String address) throws Exception {
        assertFalse(new AddressRanges("", "").permits(InetAddress.getByName(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "2606:4700::1111", "172.32.0.1"})
    void publicAddressesArePermitted(String address) throws Exception {
        assertTrue(new AddressRanges("", "").permits(InetAddress.getByName(address)));
    }

    @Test
    void allowedRangesOpenAndDeniedRangesCloseAddresses() throws Exception {
        AddressRanges ranges = new AddressRanges("127.0.0.1/32, 10.20.0.0/16", "8.8.0.0/16");
        assertTrue(ranges.permits(InetAddress.getByName("127.0.0.1")));
        assertFalse(ranges.permits(InetAddress.getByName("127.0.0.2")));
        assertTrue(ranges.permits(InetAddress.getByName("10.20.255.1")));
        assertFalse(ranges.permits(InetAddress.getByName("10.21.0.1")));
        assertFalse(ranges.permits(InetAddress.getByName("8.8.8.8")));
        assertTrue(ranges.permits(InetAddress.getByName("9.9.9.9")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.org/8", "10.0.0.0/33", "10.0.0.0/x", "::1/129"})
    void malformedRangesAreRefused(String range) {
        assertThrows(IllegalArgumentException.class, () -> AddressRanges.parse(range));
    }

    @Test
    void federationRefusesOnlyTheListedRanges() throws Exception {
        AddressRanges federation = AddressRanges.denying("192.0.2.0/24");
        assertTrue(federation.permits(InetAddress.getByName("10.1.2.3")), "intranet peers are private addresses");
        assertTrue(federation.permits(InetAddress.getByName("127.0.0.1")));
        assertFalse(federation.permits(InetAddress.getByName("192.0.2.7")));
        assertTrue(AddressRanges.denying("").permits(InetAddress.getByName("169.254.1.1")));
    }
}
