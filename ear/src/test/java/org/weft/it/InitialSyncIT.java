package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An initial sync of several rooms at once, as a new login makes it: each room keeps its own
 * receipts, member counts, heroes and transaction IDs now that they are read for all rooms together,
 * and the events have the spec's sync shape (ClientEventWithoutRoomID).
 */
class InitialSyncIT extends SyncSupport {

    private static final String LIMIT_10 = "{\"room\":{\"timeline\":{\"limit\":10}}}";

    @Test
    @SuppressWarnings("unchecked")
    void eachRoomOfAnInitialSyncHasItsOwnReceiptsCountsAndHeroes() {
        MatrixClient.Session alice = matrix.registerUnique("multi");
        MatrixClient.Session bob = matrix.registerUnique("multib");
        MatrixClient.Session carol = matrix.registerUnique("multic");
        String named = createRoom(alice.accessToken(), Map.of("preset", "private_chat", "name", "Named"));
        String direct = createRoom(alice.accessToken(), Map.of("preset", "private_chat", "is_direct", true,
                "invite", List.of(bob.userId())));
        String crowded = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/join/" + direct, bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/join/" + crowded, bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/rooms/" + crowded + "/invite", alice.accessToken(),
                Map.of("user_id", carol.userId())).expect(200);
        String inNamed = send(alice.accessToken(), named, "named message");
        String inDirect = send(bob.accessToken(), direct, "direct message");
        matrix.post("/_matrix/client/v3/rooms/" + direct + "/receipt/m.read/" + inDirect, bob.accessToken(), Map.of())
                .expect(200);

        Resp sync = sync(alice.accessToken(), null, filter(LIMIT_10)).expect(200);

        Map<String, Object> namedSummary = (Map<String, Object>) section(sync, "join", named).get("summary");
        assertNull(namedSummary.get("m.heroes"), "a named room has no heroes, its whole history in the timeline or not");
        assertEquals(1, ((Number) namedSummary.get("m.joined_member_count")).intValue());
        Map<String, Object> directSummary = (Map<String, Object>) section(sync, "join", direct).get("summary");
        assertEquals(List.of(bob.userId()), directSummary.get("m.heroes"));
        assertEquals(2, ((Number) directSummary.get("m.joined_member_count")).intValue());
        Map<String, Object> crowdedSummary = (Map<String, Object>) section(sync, "join", crowded).get("summary");
        assertEquals(2, ((Number) crowdedSummary.get("m.joined_member_count")).intValue());
        assertEquals(1, ((Number) crowdedSummary.get("m.invited_member_count")).intValue());
        assertEquals(List.of(bob.userId(), carol.userId()).stream().sorted().toList(), crowdedSummary.get("m.heroes"));

        // Bob's receipt is in the direct room and only there.
        Map<String, Object> receipt = ephemeral(sync, direct, "m.receipt");
        assertTrue(((Map<String, Object>) receipt.get("content")).containsKey(inDirect), () -> receipt.toString());
        assertNull(ephemeral(sync, named, "m.receipt"));
        assertNull(ephemeral(sync, crowded, "m.receipt"));
        assertNull(ephemeral(sync, named, "m.typing"), "nobody types: no typing event in an initial sync");

        // Sync events name no room: the key they are filed under does (ClientEventWithoutRoomID).
        for (String roomId : List.of(named, direct, crowded)) {
            for (Map<String, Object> event : events(section(sync, "join", roomId), "timeline")) {
                assertFalse(event.containsKey("room_id"), () -> "room_id in a sync event: " + event);
            }
        }
        for (Map<String, Object> event : events(section(
                sync(alice.accessToken(), null, filter("{\"room\":{\"timeline\":{\"limit\":1}}}")).expect(200), "join", named),
                "state")) {
            assertFalse(event.containsKey("room_id"), () -> "room_id in a sync state event: " + event);
        }

        // The sending device sees its transaction ID, a new device of the same user does not.
        assertEquals(inNamed, lastEvent(sync, named).get("event_id"));
        assertTrue(((Map<String, Object>) lastEvent(sync, named).get("unsigned")).containsKey("transaction_id"));
        String otherDevice = matrix.login(alice.userId(), alice.password(), Map.of()).expect(200).str("access_token");
        Resp fresh = sync(otherDevice, null, filter(LIMIT_10)).expect(200);
        assertFalse(((Map<String, Object>) lastEvent(fresh, named).get("unsigned")).containsKey("transaction_id"));
    }

    private static Map<String, Object> lastEvent(Resp sync, String roomId) {
        List<Map<String, Object>> timeline = events(section(sync, "join", roomId), "timeline");
        return timeline.get(timeline.size() - 1);
    }
}
