package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two real Weft servers federating (server-server API as a whole): A and B, each a WildFly of its
 * own ({@link WeftServerProcess}: own server name, own H2 database, TLS on the federation port with
 * certificates this test makes and both servers trust, certificate checks on). Users of each talk
 * in rooms of the other as they would on one server: joins by alias, messages both ways in order,
 * invites accepted and refused, leaves, a restart of B while A sends and one of A itself, a server
 * ACL, history from before B joined.
 *
 * <p>Runs in the H2 run only: it starts its own servers, each on the embedded database, so the
 * PostgreSQL run would only repeat it (the storage it uses is tested on both by the other ITs).
 */
@ExtendWith(TwoServers.class)
class TwoServersIT {

    private static final Duration DEADLINE = Duration.ofSeconds(45);

    private static WeftServerProcess serverA;
    private static WeftServerProcess serverB;
    private static MatrixClient a;
    private static MatrixClient b;

    @BeforeAll
    static void clients() {
        serverA = TwoServers.a();
        serverB = TwoServers.b();
        a = new MatrixClient(serverA.clientUrl());
        b = new MatrixClient(serverB.clientUrl());
    }

    @Test
    void aUserOfBJoinsARoomOnAByAliasAndBothTalkInOrder() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String alias = MatrixClient.uniqueName("lobby");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(),
                Map.of("preset", "public_chat", "room_alias_name", alias)).expect(200).str("room_id");

        String since = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200).str("next_batch");
        assertEquals(roomId, b.post("/_matrix/client/v3/join/" + encode("#" + alias + ":" + serverA.serverName()),
                bob.accessToken(), Map.of()).expect(200).str("room_id"), "the alias resolves on A");
        awaitMembers(a, alice, roomId, m -> m.containsKey(bob.userId()), "A sees bob joined");

        List<String> fromAlice = sendAll(a, alice, roomId, "from alice", 5);
        assertEquals(fromAlice, timelineBodies(b, bob, roomId, since, fromAlice.size()), "bob reads alice's messages in order");

        String aliceSince = a.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).expect(200).str("next_batch");
        List<String> fromBob = sendAll(b, bob, roomId, "from bob", 5);
        assertEquals(fromBob, timelineBodies(a, alice, roomId, aliceSince, fromBob.size()), "alice reads bob's in order");

        List<String> onB = historyBodies(b, bob, roomId);
        List<String> onA = historyBodies(a, alice, roomId);
        assertEquals(onA, onB, "both servers hold the same timeline since bob joined");
    }

    @Test
    void invitesAcrossServersAreAcceptedOrRefusedAndLeavesReachTheOtherSide() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        MatrixClient.Session carol = b.registerUnique("carol");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(),
                Map.of("preset", "private_chat", "invite", List.of(bob.userId(), carol.userId()))).expect(200).str("room_id");

        awaitSync(b, bob, r -> invited(r, roomId), "bob's invite reaches him on B");
        awaitSync(b, carol, r -> invited(r, roomId), "carol's invite reaches her on B");
        b.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        b.post("/_matrix/client/v3/rooms/" + roomId + "/leave", carol.accessToken(), Map.of()).expect(200);
        awaitMembership(a, alice, roomId, bob.userId(), "join");
        awaitMembership(a, alice, roomId, carol.userId(), "leave");
        assertTrue(b.get("/_matrix/client/v3/joined_rooms", carol.accessToken()).expect(200).list("joined_rooms").isEmpty(),
                "carol is in no room");

        b.post("/_matrix/client/v3/rooms/" + roomId + "/leave", bob.accessToken(), Map.of()).expect(200);
        awaitMembership(a, alice, roomId, bob.userId(), "leave");
        assertFalse(b.get("/_matrix/client/v3/joined_rooms", bob.accessToken()).expect(200).list("joined_rooms")
                .contains(roomId), "bob has left, as B sees it");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserOfBKnocksOnARoomOfAAndIsLetIn() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat",
                "name", "Knock first", "initial_state", List.of(Map.of("type", "m.room.join_rules", "state_key", "",
                        "content", Map.of("join_rule", "knock"))))).expect(200).str("room_id");

        assertEquals(roomId, b.post("/_matrix/client/v3/knock/" + roomId + "?via=" + encode(serverA.serverName()),
                bob.accessToken(), Map.of("reason", "may I?")).expect(200).str("room_id"));
        awaitMembership(a, alice, roomId, bob.userId(), "knock");
        Resp sync = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200);
        Map<String, Object> knocked = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) sync.get("rooms"))
                .get("knock")).get(roomId);
        List<Map<String, Object>> knockState = (List<Map<String, Object>>) ((Map<String, Object>) knocked.get("knock_state"))
                .get("events");
        assertTrue(knockState.stream().anyMatch(e -> "m.room.name".equals(e.get("type"))
                && "Knock first".equals(((Map<?, ?>) e.get("content")).get("name"))), "bob sees what he knocks on: " + knockState);
        assertTrue(knockState.stream().noneMatch(e -> e.containsKey("signatures")), "as stripped state: " + knockState);

        a.post("/_matrix/client/v3/rooms/" + roomId + "/invite", alice.accessToken(), Map.of("user_id", bob.userId()))
                .expect(200);
        awaitSync(b, bob, r -> invited(r, roomId), "the answer to the knock: an invite");
        b.post("/_matrix/client/v3/join/" + roomId, bob.accessToken(), Map.of()).expect(200);
        awaitMembers(a, alice, roomId, m -> m.containsKey(bob.userId()), "A sees bob joined");
    }

    @Test
    void whatASendsWhileBIsDownReachesBOnceItIsBack() throws Exception {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        joinFromB(bob, alice, roomId);
        String since = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200).str("next_batch");

        serverB.stop();
        MatrixClient.Session carol = a.registerUnique("carol");
        a.post("/_matrix/client/v3/rooms/" + roomId + "/join", carol.accessToken(), Map.of()).expect(200);
        List<String> sent = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.addAll(sendAll(a, alice, roomId, "alice, while B is down, " + i, 1));
            sent.addAll(sendAll(a, carol, roomId, "carol, while B is down, " + i, 1));
        }
        serverB.start();

        assertEquals(sent, timelineBodies(b, bob, roomId, since, sent.size()), "every message, in order, once B is back");
    }

    /**
     * A receiver answers a transaction ID it has seen from its record, without reading the PDUs;
     * IDs made from a queue that counted on from its (empty) table after a restart came again,
     * and what A sent after a restart was lost.
     */
    @Test
    void whatASendsAfterItsOwnRestartStillArrives() throws Exception {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        joinFromB(bob, alice, roomId);
        String since = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200).str("next_batch");
        send(a, alice, roomId, "before A restarts");
        assertEquals(List.of("before A restarts"), timelineBodies(b, bob, roomId, since, 1));
        String later = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200).str("next_batch");

        serverA.stop();
        serverA.start();
        send(a, alice, roomId, "after A restarted");
        assertEquals(List.of("after A restarted"), timelineBodies(b, bob, roomId, later, 1));
    }

    @Test
    void aServerAclKeepsOutWhatTheDeniedServerSends() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String guarded = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String open = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        for (String roomId : List.of(guarded, open)) {
            joinFromB(bob, alice, roomId);
        }
        a.put("/_matrix/client/v3/rooms/" + guarded + "/state/m.room.server_acl/", alice.accessToken(),
                Map.of("allow", List.of(serverA.serverName()), "deny", List.of())).expect(200);
        awaitState(b, bob, guarded, "m.room.server_acl", "the ACL reaches B");

        String aliceSince = a.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).expect(200).str("next_batch");
        send(b, bob, guarded, "from a denied server");
        send(b, bob, open, "witness");
        // B sends to A in order, one transaction at a time: once the witness is there, the denied
        // message has been answered too.
        timelineBodies(a, alice, open, aliceSince, 1);
        assertFalse(historyBodies(a, alice, guarded).contains("from a denied server"), "A refused the denied server's message");
    }

    @Test
    void historyFromBeforeBJoinedIsFetchedFromAAsItsHistoryVisibilityAllows() {
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String shared = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        String joinedOnly = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "initial_state", List.of(Map.of("type", "m.room.history_visibility", "state_key", "",
                        "content", Map.of("history_visibility", "joined"))))).expect(200).str("room_id");
        List<String> early = sendAll(a, alice, shared, "early", 45);
        sendAll(a, alice, joinedOnly, "before bob", 5);
        for (String roomId : List.of(shared, joinedOnly)) {
            joinFromB(bob, alice, roomId);
        }
        send(a, alice, joinedOnly, "after bob");

        assertEquals(early, pagedBackBodies(b, bob, shared, 10), "bob pages back through all of it, in order, page by page");
        assertEquals(early, historyBodies(b, bob, shared), "and finds it stored on B the next time");
        awaitHistory(b, bob, joinedOnly, bodies -> bodies.contains("after bob"));
        assertEquals(List.of("after bob"), historyBodies(b, bob, joinedOnly), "nothing from before he joined");
        assertEquals(List.of("before bob 1", "before bob 2", "before bob 3", "before bob 4", "before bob 5", "after bob"),
                historyBodies(a, alice, joinedOnly), "which alice, there all along, reads");
    }

    // ---- helpers -------------------------------------------------------------------------------

    /** Bob of B joins alice's room on A through A, and A sees him joined. */
    private static void joinFromB(MatrixClient.Session bob, MatrixClient.Session alice, String roomId) {
        b.post("/_matrix/client/v3/join/" + roomId + "?server_name=" + encode(serverA.serverName()), bob.accessToken(),
                Map.of()).expect(200);
        awaitMembers(a, alice, roomId, m -> m.containsKey(bob.userId()), "A sees bob joined");
    }

    private static List<String> sendAll(MatrixClient server, MatrixClient.Session user, String roomId, String prefix, int count) {
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            bodies.add(prefix + " " + i);
            send(server, user, roomId, prefix + " " + i);
        }
        return bodies;
    }

    private static void send(MatrixClient server, MatrixClient.Session user, String roomId, String body) {
        server.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                user.accessToken(), Map.of("msgtype", "m.text", "body", body)).expect(200);
    }

    /** The message bodies of the room's timeline in the user's /sync from {@code since}, until {@code count} have come. */
    @SuppressWarnings("unchecked")
    private static List<String> timelineBodies(MatrixClient server, MatrixClient.Session user, String roomId, String since,
                                               int count) {
        List<String> bodies = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String from = since;
        while (bodies.size() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("only " + bodies + " reached " + user.userId() + " in time");
            }
            Resp sync = server.get("/_matrix/client/v3/sync?timeout=1000&since=" + from, user.accessToken()).expect(200);
            Map<String, Object> joined = joinedRoom(sync, roomId);
            if (joined != null) {
                for (Object e : (List<Object>) ((Map<String, Object>) joined.get("timeline")).get("events")) {
                    Map<String, Object> event = (Map<String, Object>) e;
                    if ("m.room.message".equals(event.get("type"))) {
                        bodies.add((String) ((Map<String, Object>) event.get("content")).get("body"));
                    }
                }
            }
            from = sync.str("next_batch");
        }
        return bodies;
    }

    /** The message bodies of the room's history on that server, oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> historyBodies(MatrixClient server, MatrixClient.Session user, String roomId) {
        List<String> bodies = new ArrayList<>();
        for (Object e : server.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=100", user.accessToken())
                .expect(200).list("chunk")) {
            Map<String, Object> event = (Map<String, Object>) e;
            if ("m.room.message".equals(event.get("type"))) {
                bodies.add(0, (String) ((Map<String, Object>) event.get("content")).get("body"));
            }
        }
        return bodies;
    }

    /** Pages back with /messages from the present, {@code limit} at a time, to the start; bodies oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> pagedBackBodies(MatrixClient server, MatrixClient.Session user, String roomId, int limit) {
        List<String> bodies = new ArrayList<>();
        String from = null;
        for (int page = 0; page < 100; page++) {
            Resp messages = server.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=" + limit
                    + (from == null ? "" : "&from=" + from), user.accessToken()).expect(200);
            for (Object e : messages.list("chunk")) {
                Map<String, Object> event = (Map<String, Object>) e;
                if ("m.room.message".equals(event.get("type"))) {
                    bodies.add(0, (String) ((Map<String, Object>) event.get("content")).get("body"));
                }
            }
            from = messages.str("end");
            if (from == null) {
                return bodies;
            }
        }
        throw new AssertionError("no end to the room's history after 100 pages");
    }

    private static void awaitHistory(MatrixClient server, MatrixClient.Session user, String roomId,
                                     Predicate<List<String>> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!done.test(historyBodies(server, user, roomId))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the room's history never became what the test waited for");
            }
            pause();
        }
    }

    private static void awaitMembers(MatrixClient server, MatrixClient.Session user, String roomId,
                                     Predicate<Map<?, ?>> done, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Resp members = server.get("/_matrix/client/v3/rooms/" + roomId + "/joined_members", user.accessToken());
            if (members.status() == 200 && done.test((Map<?, ?>) members.get("joined"))) {
                return;
            }
            pause();
        }
        throw new AssertionError(what + ": not within " + DEADLINE);
    }

    private static void awaitMembership(MatrixClient server, MatrixClient.Session user, String roomId, String member,
                                        String membership) {
        awaitState(server, user, roomId, "m.room.member/" + encode(member), member + " " + membership,
                content -> membership.equals(content.get("membership")));
    }

    private static void awaitState(MatrixClient server, MatrixClient.Session user, String roomId, String typeAndKey,
                                   String what) {
        awaitState(server, user, roomId, typeAndKey, what, content -> true);
    }

    private static void awaitState(MatrixClient server, MatrixClient.Session user, String roomId, String typeAndKey,
                                   String what, Predicate<Map<?, ?>> done) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Resp state = server.get("/_matrix/client/v3/rooms/" + roomId + "/state/" + typeAndKey, user.accessToken());
            if (state.status() == 200 && done.test((Map<?, ?>) state.json())) {
                return;
            }
            pause();
        }
        throw new AssertionError(what + ": not within " + DEADLINE);
    }

    private static void awaitSync(MatrixClient server, MatrixClient.Session user, Predicate<Resp> done, String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            Resp sync = server.get("/_matrix/client/v3/sync?timeout=0", user.accessToken()).expect(200);
            if (done.test(sync)) {
                return;
            }
            pause();
        }
        throw new AssertionError(what + ": not within " + DEADLINE);
    }

    @SuppressWarnings("unchecked")
    private static boolean invited(Resp sync, String roomId) {
        Map<String, Object> rooms = (Map<String, Object>) sync.get("rooms");
        return rooms != null && rooms.get("invite") instanceof Map<?, ?> invites && invites.containsKey(roomId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> joinedRoom(Resp sync, String roomId) {
        Map<String, Object> rooms = (Map<String, Object>) sync.get("rooms");
        if (rooms == null || !(rooms.get("join") instanceof Map<?, ?> joined)) {
            return null;
        }
        return (Map<String, Object>) joined.get(roomId);
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
