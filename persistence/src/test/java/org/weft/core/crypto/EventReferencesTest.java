package org.weft.core.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.pdu.PduFormat;

class EventReferencesTest {

    private static final Pdu CREATE = create();

    private static Pdu create() {
        Map<String, Object> json = new java.util.LinkedHashMap<>();
        json.put("event_id", "$create:a.example");
        json.put("room_id", "!r:a.example");
        json.put("sender", "@u:a.example");
        json.put("type", "m.room.create");
        json.put("state_key", "");
        json.put("content", Map.of("creator", "@u:a.example"));
        json.put("prev_events", List.of());
        json.put("auth_events", List.of());
        json.put("depth", 1);
        json.put("origin", "a.example");
        json.put("origin_server_ts", 1);
        json.put("hashes", Map.of("sha256", "x"));
        json.put("signatures", Map.of("a.example", Map.of("ed25519:1", "sig")));
        return Pdu.of("$create:a.example", json);
    }

    @Test
    void versionsOneAndTwoReferToEventsWithTheirReferenceHash() {
        for (RoomVersion version : List.of(RoomVersion.V1, RoomVersion.V2)) {
            List<Object> refs = EventReferences.of(List.of(CREATE.eventId()), version, id -> CREATE);
            String hash = UnpaddedBase64.encode(EventHashes.computeReferenceHash(CREATE.json(), version));
            assertEquals(List.of(List.of("$create:a.example", Map.of("sha256", hash))), refs);
        }
    }

    @Test
    void laterVersionsUseTheIdsAlone() {
        assertEquals(List.of("$a", "$b"), EventReferences.of(List.of("$a", "$b"), RoomVersion.V10, id -> null));
    }

    @Test
    void anEventNotFoundIsReferredToWithAnEmptyHashObjectWhichTheFormatStillAccepts() {
        List<Object> refs = EventReferences.of(List.of("$gone:a.example"), RoomVersion.V1, id -> null);
        assertEquals(List.of(List.of("$gone:a.example", Map.of())), refs);
        Map<String, Object> event = new java.util.LinkedHashMap<>(CREATE.json());
        event.put("type", "m.room.message");
        event.remove("state_key");
        event.put("prev_events", refs);
        event.put("auth_events", refs);
        assertEquals(List.of("$gone:a.example"), PduFormat.parse(event, RoomVersion.V1).prevEvents());
    }
}
