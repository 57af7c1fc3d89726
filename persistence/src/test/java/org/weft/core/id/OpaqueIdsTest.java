package org.weft.core.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Room IDs, event IDs, room aliases and device IDs (appendices, "Identifier Grammar"). */
class OpaqueIdsTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "!x:domain", "!r:domain", "!OGEhHVWSdvArJzumhm:matrix.org", "!abc:example.org:8448",
        "!a b\u00e9:[::1]",
        // room version 12: the create event's hash, no domain
        "!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM", "!x"
    })
    void validRoomIds(String id) {
        assertEquals(id, RoomId.parse(id).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "!", "!:example.org", "x:example.org", "$x:example.org", "!x:",
        "!x:bad host", "!nul\u0000", "!lone\uDC00:example.org"})
    void invalidRoomIds(String id) {
        assertThrows(IllegalArgumentException.class, () -> RoomId.parse(id));
    }

    @Test
    void roomIdParts() {
        RoomId withDomain = RoomId.parse("!abc:example.org:8448");
        assertEquals("abc", withDomain.opaque());
        assertEquals(ServerName.parse("example.org:8448"), withDomain.server());
        RoomId v12 = RoomId.parse("!31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM");
        assertNull(v12.server());
        assertEquals(v12, RoomId.of("31hneApxJ_1o-63DmFrpeqnkFfWppnzWso1JvH3ogLM", null));
        assertNotEquals(RoomId.parse("!abc:x"), RoomId.parse("!ABC:x"));
        assertThrows(IllegalArgumentException.class,
                () -> RoomId.parse("!" + "a".repeat(250) + ":example.org"));
        assertEquals(255, RoomId.parse("!" + "a".repeat(254)).toString().length());
        assertThrows(IllegalArgumentException.class, () -> RoomId.parse("!" + "a".repeat(255)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$0:domain", "$1234abcd:matrix.org",
        // room version 3 (standard base64) and 4+ (URL-safe base64)
        "$acR1l0raoZnm60CBwAVgqbZqoO/mYU81xysh1u7XcJk", "$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg"
    })
    void validEventIds(String id) {
        assertEquals(id, EventId.parse(id).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "$", "$:domain", "!x:domain", "x", "$x:", "$x:bad host", "$a\u0000b"})
    void invalidEventIds(String id) {
        assertThrows(IllegalArgumentException.class, () -> EventId.parse(id));
    }

    @Test
    void eventIdParts() {
        assertEquals(ServerName.parse("domain"), EventId.parse("$0:domain").server());
        EventId hashed = EventId.parse("$Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg");
        assertNull(hashed.server());
        assertEquals("Rqnc-F-dvnEYJTyHq_iKxU2bZ1CI92-kuZq3a5lr5Zg", hashed.opaque());
        assertThrows(IllegalArgumentException.class, () -> EventId.parse("$" + "a".repeat(255)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"#room:example.org", "#Room With Spaces:example.org:8448", "#caf\u00e9:x",
        "#a:1.2.3.4", "#!$@:x"})
    void validAliases(String alias) {
        assertEquals(alias, RoomAlias.parse(alias).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "#", "#room", "#room:", "#:example.org", "room:example.org",
        "!room:example.org", "#ro\u0000om:x", "#room:bad_host"})
    void invalidAliases(String alias) {
        assertThrows(IllegalArgumentException.class, () -> RoomAlias.parse(alias));
    }

    @Test
    void aliasParts() {
        RoomAlias alias = RoomAlias.parse("#room:example.org:8448");
        assertEquals("room", alias.localpart());
        assertEquals(8448, alias.server().port());
        assertEquals(alias, RoomAlias.of("room", ServerName.parse("example.org:8448")));
        assertThrows(IllegalArgumentException.class,
                () -> RoomAlias.parse("#" + "a".repeat(250) + ":example.org"));
        assertThrows(IllegalArgumentException.class, () -> RoomAlias.of("room", null));
    }

    @Test
    void deviceIds() {
        assertEquals("ABCDEFGHIJ", DeviceId.parse("ABCDEFGHIJ").toString());
        assertEquals("any thing: goes", DeviceId.parse("any thing: goes").value());
        assertEquals(255, DeviceId.parse("x".repeat(255)).value().length());
        assertThrows(IllegalArgumentException.class, () -> DeviceId.parse(""));
        assertThrows(IllegalArgumentException.class, () -> DeviceId.parse(null));
        assertThrows(IllegalArgumentException.class, () -> DeviceId.parse("x".repeat(256)));
    }

    @Test
    void generatedDeviceIdsAreTenUppercaseLetters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = DeviceId.generate().value();
            assertTrue(id.matches("[A-Z]{10}"), id);
            seen.add(id);
        }
        assertEquals(200, seen.size());
    }
}
