package org.weft.ejb.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.weft.ejb.rooms.RoomEventFilter;
import org.weft.ejb.users.Requester;

class SyncContinuationsTest {

    private static final Requester ALICE = new Requester("@alice:x", "PHONE", false, false, "h");
    private static final SyncToken GIVEN = new SyncToken(42, 7);
    private static final long NOW = 1_000_000;

    private final SyncContinuations continuations = new SyncContinuations();

    private static SyncRequest request(Requester who, SyncToken since, SyncFilter filter) {
        return new SyncRequest(who, since, filter, false);
    }

    private static SyncResult answer(List<Object> toDevice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("next_batch", GIVEN.toString());
        body.put("rooms", Map.of("join", Map.of("!r:x", Map.of("timeline", Map.of("events", List.of("e")))),
                "invite", Map.of(), "leave", Map.of(), "knock", Map.of()));
        body.put("account_data", Map.of("events", List.of("a")));
        body.put("presence", Map.of("events", List.of()));
        body.put("to_device", Map.of("events", toDevice));
        body.put("device_lists", Map.of("changed", List.of("@bob:x"), "left", List.of()));
        body.put("device_one_time_keys_count", Map.of("signed_curve25519", 5));
        return new SyncResult(body, false, Set.of("!r:x"), Set.of("!r:x"), GIVEN, NOW, Set.of());
    }

    @Test
    void nextRequestWithTheGivenTokenStartsFromAnEmptyResultThere() {
        continuations.remember(request(ALICE, new SyncToken(40, 7), SyncFilter.NONE), answer(List.of()));

        SyncResult resumed = continuations.resume(request(ALICE, GIVEN, SyncFilter.NONE), NOW + 1_000);

        assertNotNull(resumed);
        assertTrue(resumed.empty());
        assertEquals(GIVEN, resumed.token());
        assertEquals(Set.of("!r:x"), resumed.joinedRooms());
        Map<String, Object> body = resumed.body();
        assertEquals(GIVEN.toString(), body.get("next_batch"));
        assertEquals(Map.of("join", Map.of(), "invite", Map.of(), "leave", Map.of(), "knock", Map.of()), body.get("rooms"));
        assertEquals(Map.of("events", List.of()), body.get("account_data"));
        assertEquals(Map.of("changed", List.of(), "left", List.of()), body.get("device_lists"));
        assertEquals(Map.of("signed_curve25519", 5), body.get("device_one_time_keys_count"));
        // Consumed: a second request with the same token computes.
        assertNull(continuations.resume(request(ALICE, GIVEN, SyncFilter.NONE), NOW + 1_000));
    }

    @Test
    void anotherTokenFilterDeviceOrAnOldComputationComputes() {
        SyncRequest first = request(ALICE, new SyncToken(40, 7), SyncFilter.NONE);
        continuations.remember(first, answer(List.of()));
        assertNull(continuations.resume(request(ALICE, new SyncToken(41, 7), SyncFilter.NONE), NOW));

        continuations.remember(first, answer(List.of()));
        SyncFilter other = new SyncFilter(null, List.of(), RoomEventFilter.NONE, 5, false, RoomEventFilter.NONE,
                false, true, true, true, null, false);
        assertNull(continuations.resume(request(ALICE, GIVEN, other), NOW));

        continuations.remember(first, answer(List.of()));
        assertNull(continuations.resume(request(new Requester("@alice:x", "LAPTOP", false, false, "h"), GIVEN,
                SyncFilter.NONE), NOW));

        continuations.remember(first, answer(List.of()));
        assertNull(continuations.resume(request(ALICE, GIVEN, SyncFilter.NONE), NOW + SyncContinuations.MAX_AGE_MILLIS + 1));
    }

    @Test
    void anAnswerWithToDeviceMessagesLeavesNoContinuation() {
        SyncRequest first = request(ALICE, new SyncToken(40, 7), SyncFilter.NONE);
        continuations.remember(first, answer(List.of()));
        continuations.remember(first, answer(List.of(Map.of("type", "m.room_key"))));
        assertNull(continuations.resume(request(ALICE, GIVEN, SyncFilter.NONE), NOW));
    }

    @Test
    void fullStateOrInitialSyncNeverResumes() {
        continuations.remember(request(ALICE, null, SyncFilter.NONE), answer(List.of()));
        assertNull(continuations.resume(new SyncRequest(ALICE, GIVEN, SyncFilter.NONE, true), NOW));
        assertNull(continuations.resume(request(ALICE, null, SyncFilter.NONE), NOW));
    }
}
