package org.weft.core.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.id.EventId;
import org.weft.core.json.Json;

/** Event IDs from reference hashes (rooms/v3 "Event IDs", fragment v4-event-ids). */
class EventIdsTest {

    /**
     * An event whose reference hash has both {@code +} and {@code /} in standard Base64. The
     * expected IDs were checked independently: SHA-256 of the hand-redacted canonical JSON
     * {@code {"auth_events":[],"content":{},"depth":5,"hashes":{"sha256":"abc"},"origin":
     * "example.org","origin_server_ts":1700000000003,"prev_events":[],"room_id":"!r:example.org",
     * "sender":"@u:example.org","type":"m.room.message"}}, Base64-encoded by another tool.
     */
    private static final String EVENT = """
            {"auth_events":[],"content":{"body":"hello","msgtype":"m.text"},"depth":5,
             "hashes":{"sha256":"abc"},"origin":"example.org","origin_server_ts":1700000000003,
             "prev_events":[],"room_id":"!r:example.org","sender":"@u:example.org","type":"m.room.message",
             "signatures":{"example.org":{"ed25519:1":"sig"}},"unsigned":{"age":4}}""";

    @SuppressWarnings("unchecked")
    private static Map<String, Object> event() {
        return (Map<String, Object>) Json.parse(EVENT);
    }

    @Test
    void v3UsesStandardAndV4UrlSafeBase64() {
        assertEquals("$4BDMw4vgR16Gt73HhnhBzhdlnQ88tfHAyn+/E/nPNek",
                EventIds.referenceHashEventId(event(), RoomVersion.V3));
        assertEquals("$4BDMw4vgR16Gt73HhnhBzhdlnQ88tfHAyn-_E_nPNek",
                EventIds.referenceHashEventId(event(), RoomVersion.V4));
        // v4 to v10 share the redaction rules that matter here, hence the ID.
        for (RoomVersion v : new RoomVersion[] {RoomVersion.V5, RoomVersion.V6, RoomVersion.V9, RoomVersion.V10}) {
            assertEquals("$4BDMw4vgR16Gt73HhnhBzhdlnQ88tfHAyn-_E_nPNek",
                    EventIds.referenceHashEventId(event(), v), v.id());
        }
        EventId parsed = EventId.parse(EventIds.referenceHashEventId(event(), RoomVersion.V4));
        assertEquals(null, parsed.server());
    }

    @Test
    void v11RedactionGivesAnotherId() {
        // "origin" is no longer kept by redaction in v11, so it no longer feeds the reference hash.
        assertNotEquals(EventIds.referenceHashEventId(event(), RoomVersion.V10),
                EventIds.referenceHashEventId(event(), RoomVersion.V11));
        Map<String, Object> withoutOrigin = event();
        withoutOrigin.remove("origin");
        assertEquals(EventIds.referenceHashEventId(event(), RoomVersion.V11),
                EventIds.referenceHashEventId(withoutOrigin, RoomVersion.V11));
    }

    @Test
    void nonEssentialContentDoesNotChangeTheId() {
        Map<String, Object> other = event();
        other.put("content", Map.of("body", "something else"));
        assertEquals(EventIds.referenceHashEventId(event(), RoomVersion.V4),
                EventIds.referenceHashEventId(other, RoomVersion.V4));
    }

    @Test
    void serverAssignedVersionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> EventIds.referenceHashEventId(event(), RoomVersion.V1));
        assertThrows(IllegalArgumentException.class, () -> EventIds.referenceHashEventId(event(), RoomVersion.V2));
    }
}
