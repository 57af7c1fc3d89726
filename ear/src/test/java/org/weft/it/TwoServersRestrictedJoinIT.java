package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A restricted room across servers (server-server API, "Restricted rooms"; {@link TwoServers}): A
 * holds a room that members of its lobby may join. A user of B who is in the lobby joins through
 * A, which vouches for him ({@code join_authorised_via_users_server} and A's signature); a user of
 * B who is not is refused.
 */
@ExtendWith(TwoServers.class)
class TwoServersRestrictedJoinIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static MatrixClient a;
    private static MatrixClient b;

    @BeforeAll
    static void clients() {
        a = new MatrixClient(TwoServers.a().clientUrl());
        b = new MatrixClient(TwoServers.b().clientUrl());
    }

    @Test
    void aMemberOfAnAllowedRoomJoinsThroughTheResidentOthersAreRefused() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        MatrixClient.Session mallory = b.registerUnique("mallory");
        String serverA = URLEncoder.encode(TwoServers.a().serverName(), StandardCharsets.UTF_8);
        String lobby = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String restricted = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat",
                "room_version", "10", "initial_state", List.of(Map.of("type", "m.room.join_rules", "state_key", "",
                        "content", Map.of("join_rule", "restricted", "allow",
                                List.of(Map.of("type", "m.room_membership", "room_id", lobby)))))))
                .expect(200).str("room_id");

        b.post("/_matrix/client/v3/join/" + restricted + "?server_name=" + serverA, mallory.accessToken(), Map.of())
                .expectError(403, "M_FORBIDDEN");

        b.post("/_matrix/client/v3/join/" + lobby + "?server_name=" + serverA, bob.accessToken(), Map.of()).expect(200);
        b.post("/_matrix/client/v3/join/" + restricted + "?server_name=" + serverA, bob.accessToken(), Map.of()).expect(200);
        Map<String, Object> join = awaitMember(a, alice, restricted, bob.userId());
        assertEquals("join", join.get("membership"));
        assertEquals(alice.userId(), join.get("join_authorised_via_users_server"), "A vouched for bob through alice");

        String eventId = a.put("/_matrix/client/v3/rooms/" + restricted + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                alice.accessToken(), Map.of("msgtype", "m.text", "body", "welcome")).expect(200).str("event_id");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (b.get("/_matrix/client/v3/rooms/" + restricted + "/event/" + eventId, bob.accessToken()).status() != 200
                && System.nanoTime() < deadline) {
            pause();
        }
        assertEquals("welcome", b.get("/_matrix/client/v3/rooms/" + restricted + "/event/" + eventId, bob.accessToken())
                .expect(200).json().get("content") instanceof Map<?, ?> content ? content.get("body") : null);
    }

    private static Map<String, Object> awaitMember(MatrixClient server, MatrixClient.Session asker, String roomId, String member) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String path = "/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + member;
        while (server.get(path, asker.accessToken()).status() != 200 && System.nanoTime() < deadline) {
            pause();
        }
        return server.get(path, asker.accessToken()).expect(200).json();
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
