package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Presence: set and read, shown to room mates in /sync, waking them, and the idle timer. */
class PresenceIT extends SyncSupport {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> presenceOf(Resp sync, String userId) {
        List<Object> events = (List<Object>) ((Map<String, Object>) sync.get("presence")).get("events");
        return events.stream().map(e -> (Map<String, Object>) e).filter(e -> userId.equals(e.get("sender")))
                .map(e -> (Map<String, Object>) e.get("content")).findFirst().orElse(null);
    }

    @Test
    void roomMatesSeeAPresenceChangeAtOnce() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("pres");
        MatrixClient.Session bob = matrix.registerUnique("mate");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String since = sync(bob.accessToken(), null, null).expect(200).str("next_batch");

        CompletableFuture<Resp> waiting = waitingSync(bob.accessToken(), since, 25_000);
        String status = "/_matrix/client/v3/presence/" + alice.userId() + "/status";
        matrix.put(status, alice.accessToken(), Map.of("presence", "unavailable", "status_msg", "lunch")).expect(200);
        Map<String, Object> seen = presenceOf(syncUntilPresence(waiting, bob, since, alice.userId(), "unavailable"),
                alice.userId());
        assertEquals("lunch", seen.get("status_msg"));

        Map<String, Object> read = matrix.get(status, bob.accessToken()).expect(200).json();
        assertEquals("unavailable", read.get("presence"));
        assertTrue(read.get("last_active_ago") instanceof Number);
        assertEquals(false, read.get("currently_active"));
    }

    private Resp syncUntilPresence(CompletableFuture<Resp> first, MatrixClient.Session who, String since, String userId,
                                   String presence) throws Exception {
        Resp woke = first.get(20, TimeUnit.SECONDS).expect(200);
        Map<String, Object> seen = presenceOf(woke, userId);
        if (seen != null && presence.equals(seen.get("presence"))) {
            return woke;
        }
        return syncUntil(who.accessToken(), woke.str("next_batch"), r -> {
            Map<String, Object> p = presenceOf(r, userId);
            return p != null && presence.equals(p.get("presence"));
        });
    }

    @Test
    void idleUsersBecomeUnavailableByTimer() {
        MatrixClient.Session alice = matrix.registerUnique("idle");
        ServerSettings.set("weft.presence.idle_ms", "1000");
        try {
            matrix.put("/_matrix/client/v3/presence/" + alice.userId() + "/status", alice.accessToken(),
                    Map.of("presence", "online")).expect(200);
            long deadline = System.currentTimeMillis() + 20_000;
            String state = "online";
            while (System.currentTimeMillis() < deadline && !"unavailable".equals(state)) {
                state = (String) matrix.get("/_matrix/client/v3/presence/" + alice.userId() + "/status",
                        alice.accessToken()).expect(200).get("presence");
                if (!"unavailable".equals(state)) {
                    matrix.get("/_matrix/client/v3/sync?timeout=500&set_presence=offline&since="
                            + sync(alice.accessToken(), null, "set_presence=offline").str("next_batch"), alice.accessToken());
                }
            }
            assertEquals("unavailable", state, "the sweep timer moves an idle user to unavailable");
        } finally {
            ServerSettings.set("weft.presence.idle_ms", "300000");
        }
    }

    @Test
    void presenceIsOnlyForOneselfAndRoomMates() {
        MatrixClient.Session alice = matrix.registerUnique("pself");
        MatrixClient.Session stranger = matrix.registerUnique("stranger");
        String status = "/_matrix/client/v3/presence/" + alice.userId() + "/status";
        matrix.put(status, stranger.accessToken(), Map.of("presence", "online")).expectError(403, "M_FORBIDDEN");
        matrix.get(status, stranger.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.put(status, alice.accessToken(), Map.of("presence", "busy")).expectError(400, "M_INVALID_PARAM");
        matrix.put(status, alice.accessToken(), Map.of("status_msg", "hi")).expectError(400, "M_MISSING_PARAM");
        matrix.get("/_matrix/client/v3/presence/@ghost-user:localhost:8008/status", alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
        matrix.put(status, alice.accessToken(), Map.of("presence", "online")).expect(200);
        assertEquals("online", matrix.get(status, alice.accessToken()).expect(200).get("presence"));
    }
}
