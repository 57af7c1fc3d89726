package org.weft.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Server names (appendices, "Server Name"). */
class ServerNameTest {

    @ParameterizedTest
    @ValueSource(strings = {
        // the appendix's examples
        "matrix.org", "matrix.org:8888", "1.2.3.4", "1.2.3.4:1234", "[1234:5678::abcd]",
        "[1234:5678::abcd]:5678",
        // more
        "localhost", "localhost:1", "example.org:65535", "MATRIX.ORG", "a-b.c", "x",
        "255.255.255.255", "0.0.0.0", "[::1]", "[::]", "[1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7::]",
        "[::ffff:1.2.3.4]", "[ABCD:ef01::1]:8448", "1.2.3", "1234.5.6", "1.2.3.4.5"
    })
    void valid(String name) {
        assertEquals(name, ServerName.parse(name).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", ":8448", "matrix.org:", "matrix.org:0", "matrix.org:65536", "matrix.org:123456",
        "matrix.org:08448", "matrix.org:-1", "matrix.org:+80", "matrix.org:80:80", "matrix.org:8a",
        "matrix_org", "mätrix.org", "matrix.org/", "matrix org", "@matrix.org", "[1234:5678::abcd",
        "1234:5678::abcd", "[1234:5678::abcd]x", "[]", "[1]", "[::1::2]", "[1:2:3:4:5:6:7:8:9]",
        "[1:2:3:4:5:6:7]", "[12345::1]", "[::g]", "[1.2.3.4::]", "[::1.2.3.256]", "[fe80::1%eth0]",
        "256.1.1.1", "1.2.3.999", "1..2.3", "1.2.3.1234", "[::1]:0"
    })
    void invalid(String name) {
        assertThrows(IllegalArgumentException.class, () -> ServerName.parse(name));
    }

    @Test
    void dnsNameAtMost255Characters() {
        assertEquals(255, ServerName.parse("a".repeat(255)).host().length());
        assertThrows(IllegalArgumentException.class, () -> ServerName.parse("a".repeat(256)));
    }

    @Test
    void parts() {
        ServerName plain = ServerName.parse("matrix.org");
        assertEquals("matrix.org", plain.host());
        assertNull(plain.port());
        ServerName v6 = ServerName.parse("[1234:5678::abcd]:5678");
        assertEquals("[1234:5678::abcd]", v6.host());
        assertEquals(5678, v6.port());
        assertTrue(v6.isIpLiteral());
        assertTrue(ServerName.parse("1.2.3.4").isIpLiteral());
        assertFalse(plain.isIpLiteral());
        assertEquals(plain, ServerName.of("matrix.org"));
    }

    @Test
    void caseSensitive() {
        assertFalse(ServerName.parse("matrix.org").equals(ServerName.parse("MATRIX.ORG")));
    }

    @Test
    void constructorValidatesToo() {
        assertThrows(IllegalArgumentException.class, () -> new ServerName("bad host", null));
        assertThrows(IllegalArgumentException.class, () -> new ServerName("ok", 0));
        assertThrows(IllegalArgumentException.class, () -> new ServerName(null, null));
        assertThrows(IllegalArgumentException.class, () -> ServerName.parse(null));
    }
}
