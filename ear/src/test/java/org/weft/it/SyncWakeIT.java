package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Waking waiting syncs: a woken sync says exactly what a sync computed afresh from the same token
 * says (whether memory or the database answered it), and a room mate's key change wakes.
 */
class SyncWakeIT extends SyncSupport {

    private static final String MESSAGES_ONLY = "{\"room\":{\"timeline\":{\"limit\":%d,\"types\":[\"m.room.message\"]},"
            + "\"state\":{\"lazy_load_members\":true}}}";
    private static final String MESSAGES_ONLY_EAGER = "{\"room\":{\"timeline\":{\"limit\":%d,\"types\":[\"m.room.message\"]}}}";

    @Test
    void aWokenSyncSaysWhatAFreshSyncFromItsTokenSays() throws Exception {
        // Limit 3: the filtered-out ping and the message fit, so the timeline is not limited.
        compareWokenWithRecomputed(3, false);
    }

    @Test
    void aWokenSyncWithMoreThanItsLimitIsLimitedLikeAFreshOne() throws Exception {
        // Limit 1: the ping counts towards it, so the message arrives in a limited timeline.
        compareWokenWithRecomputed(1, true);
    }

    private void compareWokenWithRecomputed(int limit, boolean limited) throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("woken");
        MatrixClient.Session bob = matrix.registerUnique("speaker");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String query = filter(String.format(MESSAGES_ONLY_EAGER, limit));
        String since = sync(alice.accessToken(), null, query).expect(200).str("next_batch");

        CompletableFuture<Resp> waiting = CompletableFuture.supplyAsync(() -> matrix.get(
                "/_matrix/client/v3/sync?timeout=25000&since=" + since + "&" + query, alice.accessToken()));
        // Outside the filter's types: the waiter keeps waiting, but the event counts towards the limit.
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/org.example.ping/" + MatrixClient.uniqueName("p"),
                bob.accessToken(), Map.of()).expect(200);
        send(bob.accessToken(), roomId, "after the ping");
        Resp woken = waiting.get(20, TimeUnit.SECONDS).expect(200);
        Resp recomputed = sync(alice.accessToken(), since, query).expect(200);

        assertEquals(List.of("after the ping"), bodies(woken, roomId));
        assertEquals(limited, timeline(woken, roomId).get("limited"));
        assertEquals(withoutAges(recomputed.get("rooms")), withoutAges(woken.get("rooms")));
        assertEquals(recomputed.get("device_lists"), woken.get("device_lists"));
        assertEquals(recomputed.get("to_device"), woken.get("to_device"));
        assertEquals(recomputed.get("account_data"), woken.get("account_data"));
    }

    /**
     * Clients come straight back with the token they were given, and Weft starts such a request
     * from where the last answer ended instead of recomputing it (SyncContinuations): what happened
     * in between must still come, and key counts must not lag a claim.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aDeviceBackWithItsTokenGetsWhatHappenedMeanwhileAndFreshKeyCounts() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("comeback");
        MatrixClient.Session bob = matrix.registerUnique("inbetween");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of("one_time_keys", Map.of(
                "signed_curve25519:AAAA", Map.of("key", "k1"), "signed_curve25519:AAAB", Map.of("key", "k2"))))
                .expect(200);
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        CompletableFuture<Resp> waiting = waitingSync(alice.accessToken(), since, 25_000);
        send(bob.accessToken(), roomId, "one");
        Resp woken = waiting.get(20, TimeUnit.SECONDS).expect(200);
        assertEquals(List.of("one"), bodies(woken, roomId));

        send(bob.accessToken(), roomId, "two");
        Resp back = waitingSync(alice.accessToken(), woken.str("next_batch"), 25_000).get(20, TimeUnit.SECONDS)
                .expect(200);
        assertEquals(List.of("two"), bodies(back, roomId), "the message sent between two requests");
        assertEquals(2L, ((Map<String, Object>) back.get("device_one_time_keys_count")).get("signed_curve25519"));

        matrix.post("/_matrix/client/v3/keys/claim", bob.accessToken(), Map.of("one_time_keys",
                Map.of(alice.userId(), Map.of(alice.deviceId(), "signed_curve25519")))).expect(200);
        send(bob.accessToken(), roomId, "three");
        Resp afterClaim = waitingSync(alice.accessToken(), back.str("next_batch"), 25_000).get(20, TimeUnit.SECONDS)
                .expect(200);
        assertEquals(List.of("three"), bodies(afterClaim, roomId));
        assertEquals(1L, ((Map<String, Object>) afterClaim.get("device_one_time_keys_count")).get("signed_curve25519"),
                "the count after bob's claim");

        matrix.put("/_matrix/client/v3/sendToDevice/org.example.ping/" + MatrixClient.uniqueName("d"),
                bob.accessToken(), Map.of("messages", Map.of(alice.userId(), Map.of(alice.deviceId(), Map.of("n", 1)))))
                .expect(200);
        Resp withMessage = waitingSync(alice.accessToken(), afterClaim.str("next_batch"), 25_000)
                .get(20, TimeUnit.SECONDS).expect(200);
        assertEquals(1, ((List<?>) ((Map<String, Object>) withMessage.get("to_device")).get("events")).size());

        send(bob.accessToken(), roomId, "four");
        Resp next = waitingSync(alice.accessToken(), withMessage.str("next_batch"), 25_000).get(20, TimeUnit.SECONDS)
                .expect(200);
        assertEquals(List.of("four"), bodies(next, roomId));
        assertEquals(List.of(), ((Map<String, Object>) next.get("to_device")).get("events"), "delivered once");
    }

    @Test
    void aRoomMatesNewDeviceKeysWakeAWaitingSync() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("keywait");
        MatrixClient.Session bob = matrix.registerUnique("keyup");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        CompletableFuture<Resp> waiting = waitingSync(alice.accessToken(), since, 25_000);
        matrix.post("/_matrix/client/v3/keys/upload", bob.accessToken(), Map.of("device_keys", Map.of(
                "user_id", bob.userId(), "device_id", bob.deviceId(), "algorithms", List.of("m.megolm.v1.aes-sha2"),
                "keys", Map.of("ed25519:" + bob.deviceId(), "edKey"),
                "signatures", Map.of(bob.userId(), Map.of("ed25519:" + bob.deviceId(), "sig")))))
                .expect(200);
        Resp woken = waiting.get(20, TimeUnit.SECONDS).expect(200);
        assertTrue(((List<?>) ((Map<?, ?>) woken.get("device_lists")).get("changed")).contains(bob.userId()),
                "woken by the key change, which it reports");
    }

    @Test
    void lazyLoadingSendsASendersMembershipOnceUnlessRedundantOnesAreAsked() {
        MatrixClient.Session alice = matrix.registerUnique("lazy");
        MatrixClient.Session bob = matrix.registerUnique("lazysender");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String lazy = filter(String.format(MESSAGES_ONLY, 10));
        Resp initial = sync(alice.accessToken(), null, lazy).expect(200);
        assertEquals(List.of(alice.userId()), members(initial, roomId), "no messages yet: only alice's own membership");

        send(bob.accessToken(), roomId, "one");
        Resp first = sync(alice.accessToken(), initial.str("next_batch"), lazy).expect(200);
        assertEquals(List.of(bob.userId()), members(first, roomId), "bob's first message brings his membership");
        send(bob.accessToken(), roomId, "two");
        Resp second = sync(alice.accessToken(), first.str("next_batch"), lazy).expect(200);
        assertEquals(List.of("two"), bodies(second, roomId));
        assertEquals(List.of(), members(second, roomId), "this device has bob's membership already");

        send(bob.accessToken(), roomId, "three");
        Resp redundant = sync(alice.accessToken(), second.str("next_batch"), filter("{\"room\":{\"state\":"
                + "{\"lazy_load_members\":true,\"include_redundant_members\":true}}}")).expect(200);
        assertEquals(List.of(bob.userId()), members(redundant, roomId), "include_redundant_members sends it again");
    }

    @Test
    void roomMatesWhoLeaveAreInDeviceListsLeftAndReturnInChanged() {
        MatrixClient.Session alice = matrix.registerUnique("lists");
        MatrixClient.Session bob = matrix.registerUnique("leaver");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String since = sync(alice.accessToken(), null, null).expect(200).str("next_batch");

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/leave", bob.accessToken(), Map.of()).expect(200);
        Resp afterLeave = sync(alice.accessToken(), since, null).expect(200);
        assertEquals(Map.of("changed", List.of(), "left", List.of(bob.userId())), afterLeave.get("device_lists"));
        Resp changes = matrix.get("/_matrix/client/v3/keys/changes?from=" + since + "&to=" + afterLeave.str("next_batch"),
                alice.accessToken()).expect(200);
        assertEquals(List.of(bob.userId()), changes.get("left"));

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        Resp afterReturn = sync(alice.accessToken(), afterLeave.str("next_batch"), null).expect(200);
        assertEquals(Map.of("changed", List.of(bob.userId()), "left", List.of()), afterReturn.get("device_lists"));
    }

    /** The state_keys of the membership events in a joined room's state section, in order. */
    @SuppressWarnings("unchecked")
    private static List<String> members(Resp sync, String roomId) {
        List<Object> state = (List<Object>) ((Map<String, Object>) section(sync, "join", roomId).get("state")).get("events");
        return state.stream().map(e -> (Map<String, Object>) e).filter(e -> "m.room.member".equals(e.get("type")))
                .map(e -> (String) e.get("state_key")).toList();
    }

    /** The JSON with every "age" removed: it counts milliseconds, so two reads of one event differ. */
    @SuppressWarnings("unchecked")
    private static Object withoutAges(Object json) {
        if (json instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> {
                if (!"age".equals(k)) {
                    copy.put(k, withoutAges(v));
                }
            });
            return copy;
        }
        if (json instanceof List<?> list) {
            return list.stream().map(SyncWakeIT::withoutAges).toList();
        }
        return json;
    }
}
