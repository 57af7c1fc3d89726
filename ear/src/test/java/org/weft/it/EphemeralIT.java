package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Typing (expiry by timer), receipts and read markers, account data and tags, as /sync shows them. */
class EphemeralIT extends SyncSupport {

    private record Pair(MatrixClient.Session alice, MatrixClient.Session bob, String roomId) {
    }

    private Pair twoMembers(String prefix) {
        MatrixClient.Session alice = matrix.registerUnique(prefix + "a");
        MatrixClient.Session bob = matrix.registerUnique(prefix + "b");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        return new Pair(alice, bob, roomId);
    }

    private Resp typing(MatrixClient.Session who, String roomId, String userId, Object body) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/typing/" + userId, who.accessToken(), body);
    }

    @Test
    void typingWakesAWaitingSyncAndEndsAfterItsTimeout() throws Exception {
        Pair p = twoMembers("typ");
        String since = sync(p.bob().accessToken(), null, null).expect(200).str("next_batch");
        CompletableFuture<Resp> waiting = waitingSync(p.bob().accessToken(), since, 25_000);
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", true, "timeout", 1500)).expect(200);
        Resp woke = waiting.get(20, TimeUnit.SECONDS).expect(200);
        assertEquals(List.of(p.alice().userId()), typers(woke, p.roomId()));

        // Nobody stops it: the timer does, and bob's sync then shows nobody typing.
        Resp ended = syncUntil(p.bob().accessToken(), woke.str("next_batch"),
                r -> List.of().equals(typers(r, p.roomId())));
        assertNotNull(ended.str("next_batch"));

        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", true, "timeout", 30000)).expect(200);
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", false)).expect(200);
        // Nobody types: an initial sync has no m.typing for the room (an empty list would tell a new
        // client nothing), an incremental one tells the change.
        assertNull(typers(sync(p.bob().accessToken(), null, null).expect(200), p.roomId()));
        assertEquals(List.of(), typers(sync(p.bob().accessToken(), ended.str("next_batch"), null).expect(200), p.roomId()));
    }

    @Test
    void typingIsOnlyForOneselfInOnesOwnRooms() {
        Pair p = twoMembers("typerr");
        MatrixClient.Session outsider = matrix.registerUnique("out");
        typing(p.bob(), p.roomId(), p.alice().userId(), Map.of("typing", true, "timeout", 1000)).expectError(403, "M_FORBIDDEN");
        typing(outsider, p.roomId(), outsider.userId(), Map.of("typing", true, "timeout", 1000)).expectError(403, "M_FORBIDDEN");
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("timeout", 1000)).expectError(400, "M_MISSING_PARAM");
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", "yes")).expectError(400, "M_BAD_JSON");
        // No timeout: typing for the usual 30 s, as other servers do, rather than a refusal.
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", true)).expect(200);
        typing(p.alice(), p.roomId(), p.alice().userId(), Map.of("typing", false)).expect(200);
    }

    @Test
    void receiptsReachOtherMembersExceptPrivateOnes() throws Exception {
        Pair p = twoMembers("rcpt");
        String eventId = send(p.alice().accessToken(), p.roomId(), "read me");
        String since = sync(p.alice().accessToken(), null, null).expect(200).str("next_batch");
        CompletableFuture<Resp> waiting = waitingSync(p.alice().accessToken(), since, 25_000);
        matrix.post("/_matrix/client/v3/rooms/" + p.roomId() + "/receipt/m.read/" + eventId, p.bob().accessToken(),
                Map.of()).expect(200);
        Resp woke = waiting.get(20, TimeUnit.SECONDS).expect(200);
        Map<?, ?> receipt = (Map<?, ?>) ephemeral(woke, p.roomId(), "m.receipt").get("content");
        Map<?, ?> readers = (Map<?, ?>) ((Map<?, ?>) receipt.get(eventId)).get("m.read");
        assertTrue(((Map<?, ?>) readers.get(p.bob().userId())).get("ts") instanceof Number);

        String since2 = woke.str("next_batch");
        matrix.post("/_matrix/client/v3/rooms/" + p.roomId() + "/receipt/m.read.private/" + eventId,
                p.bob().accessToken(), Map.of()).expect(200);
        assertNull(ephemeral(sync(p.alice().accessToken(), since2, null).expect(200), p.roomId(), "m.receipt"),
                "a private receipt is not shown to others");
        Map<?, ?> own = (Map<?, ?>) ephemeral(sync(p.bob().accessToken(), null, null).expect(200), p.roomId(), "m.receipt")
                .get("content");
        assertTrue(((Map<?, ?>) own.get(eventId)).containsKey("m.read.private"), "but to its owner");

        String base = "/_matrix/client/v3/rooms/" + p.roomId() + "/receipt/";
        matrix.post(base + "m.nonsense/" + eventId, p.bob().accessToken(), Map.of()).expectError(400, "M_INVALID_PARAM");
        matrix.post(base + "m.read/$unknown", p.bob().accessToken(), Map.of()).expectError(404, "M_NOT_FOUND");
        matrix.post(base + "m.read/" + eventId, p.bob().accessToken(), Map.of("thread_id", "")).expectError(400, "M_INVALID_PARAM");
        MatrixClient.Session outsider = matrix.registerUnique("rout");
        matrix.post(base + "m.read/" + eventId, outsider.accessToken(), Map.of()).expectError(403, "M_FORBIDDEN");
    }

    @Test
    void readMarkersSetTheFullyReadMarkerAsRoomAccountData() {
        Pair p = twoMembers("mark");
        String eventId = send(p.alice().accessToken(), p.roomId(), "marker");
        matrix.post("/_matrix/client/v3/rooms/" + p.roomId() + "/read_markers", p.bob().accessToken(),
                Map.of("m.fully_read", eventId, "m.read", eventId)).expect(200);
        assertEquals(Map.of("event_id", eventId), matrix.get("/_matrix/client/v3/user/" + p.bob().userId() + "/rooms/"
                + p.roomId() + "/account_data/m.fully_read", p.bob().accessToken()).expect(200).json());
        Resp sync = sync(p.bob().accessToken(), null, null).expect(200);
        assertTrue(types(events(section(sync, "join", p.roomId()), "account_data")).contains("m.fully_read"));
        assertNotNull(ephemeral(sync, p.roomId(), "m.receipt"));
    }

    @Test
    void accountDataAndTagsAreStoredAndSynced() {
        MatrixClient.Session alice = matrix.registerUnique("ad");
        MatrixClient.Session bob = matrix.registerUnique("adb");
        String roomId = createRoom(alice.accessToken(), Map.of());
        String user = "/_matrix/client/v3/user/" + alice.userId();
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        matrix.put(user + "/account_data/org.example.settings", alice.accessToken(), Map.of("theme", "dark")).expect(200);
        assertEquals(Map.of("theme", "dark"),
                matrix.get(user + "/account_data/org.example.settings", alice.accessToken()).expect(200).json());
        matrix.get(user + "/account_data/org.example.unset", alice.accessToken()).expectError(404, "M_NOT_FOUND");
        matrix.get(user + "/account_data/org.example.settings", bob.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.put(user + "/rooms/" + roomId + "/account_data/m.fully_read", alice.accessToken(), Map.of("event_id", "$x"))
                .expectError(405, "M_BAD_JSON");

        matrix.put(user + "/rooms/" + roomId + "/tags/m.favourite", alice.accessToken(), Map.of("order", 0.5)).expect(200);
        matrix.put(user + "/rooms/" + roomId + "/tags/u.work", alice.accessToken(), Map.of()).expect(200);
        matrix.delete(user + "/rooms/" + roomId + "/tags/u.work", alice.accessToken(), null).expect(200);
        Map<?, ?> tags = (Map<?, ?>) matrix.get(user + "/rooms/" + roomId + "/tags", alice.accessToken()).expect(200).get("tags");
        assertEquals(List.of("m.favourite"), List.copyOf(tags.keySet()));
        matrix.put(user + "/rooms/" + roomId + "/tags/m.lowpriority", alice.accessToken(), Map.of("order", "first"))
                .expectError(400, "M_BAD_JSON");

        Resp sync = sync(alice.accessToken(), since, null).expect(200);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> global = (List<Map<String, Object>>) ((Map<?, ?>) sync.get("account_data")).get("events");
        assertEquals(List.of("org.example.settings"), types(global));
        List<Map<String, Object>> roomData = events(section(sync, "join", roomId), "account_data");
        assertEquals(List.of("m.tag"), types(roomData));
        assertFalse(sync.json().containsKey("errcode"));
    }
}
