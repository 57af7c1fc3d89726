package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.EventSigner;
import org.weft.core.crypto.SigningKey;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.Json;

/**
 * A room on Weft shared with another server (server-server API, "Joining Rooms", "Transactions",
 * "Leaving Rooms"), the other server played by a {@link FakeHomeserver} that signs its own events:
 * its user joins through make_join/send_join, receives Weft's messages in transactions, sends its
 * own that Weft's users read, and leaves; forged, duplicate and refused input gets the spec's answers.
 */
class FederationRoomsIT extends WeftIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private FakeHomeserver remote;
    private String weftName;
    private MatrixClient.Session alice;
    private String bob;
    private final AtomicInteger failuresToGive = new AtomicInteger();
    private final Map<String, RoomVersion> versions = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        ServerSettings.set("weft.federation.retry_initial_ms", "200");
        remote = new FakeHomeserver();
        remote.route("/_matrix/federation/v1/send/*", exchange -> {
            if (failuresToGive.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                FakeHomeserver.json(exchange, 500, Map.of("errcode", "M_UNKNOWN", "error", "down for a moment"));
            } else {
                FakeHomeserver.json(exchange, 200, Map.of("pdus", Map.of()));
            }
        });
        weftName = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        alice = matrix.registerUnique("fedroom");
        bob = "@bob:" + remote.serverName();
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
        ServerSettings.set("weft.federation.retry_initial_ms", "5000");
    }

    @Test
    void aRemoteUserJoinsReadsTalksAndLeaves() {
        String roomId = room("public_chat");
        RoomVersion version = versionOf(roomId);

        Pdu join = join(roomId, version);
        assertTrue(joinedMembers(roomId).contains(bob), "bob is joined, as alice sees it");

        String hello = say(roomId, "hello bob");
        Map<String, Object> pdu = eventually(() -> sentToRemote(hello), "alice's message reaches bob's server");
        assertEquals("hello bob", ((Map<?, ?>) pdu.get("content")).get("body"));

        Pdu reply = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "hi alice"),
                List.of(hello), join.eventId()), remote.key());
        Map<?, ?> answer = transaction("t1", List.of(reply.json()), 200);
        assertEquals(Map.of(reply.eventId(), Map.of()), answer.get("pdus"));
        eventually(() -> recentBodies(roomId).contains("hi alice") ? true : null, "bob's message reaches alice");

        assertEquals(answer, transaction("t1", List.of(reply.json()), 200), "a retried transaction gets the same answer");
        assertEquals(1, recentBodies(roomId).stream().filter("hi alice"::equals).count(), "and is not stored twice");

        String afterReply = say(roomId, "the room goes on");
        Map<String, Object> next = eventually(() -> sentToRemote(afterReply), "alice's next message reaches bob's server");
        assertEquals(List.of(reply.eventId()), next.get("prev_events"), "Weft's next event builds on bob's");

        leave(roomId, version);
        assertFalse(joinedMembers(roomId).contains(bob), "bob has left");
    }

    @Test
    void aGapBeforeAnIncomingEventIsFilledFromTheServerThatSentIt() {
        String roomId = room("public_chat");
        RoomVersion version = versionOf(roomId);
        Pdu join = join(roomId, version);
        String hello = say(roomId, "hello");
        Pdu first = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "first"),
                List.of(hello), join.eventId()), remote.key());
        Pdu second = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "second"),
                List.of(first.eventId()), join.eventId()), remote.key());
        remote.route("/_matrix/federation/v1/get_missing_events/*",
                exchange -> FakeHomeserver.json(exchange, 200, Map.of("events", List.of(first.json()))));

        Map<?, ?> results = (Map<?, ?>) transaction("t-gap", List.of(second.json()), 200).get("pdus");
        assertEquals(Map.of(second.eventId(), Map.of()), results);
        Map<?, ?> asked = (Map<?, ?>) remote.received("/_matrix/federation/v1/get_missing_events/").get(0).json();
        assertEquals(List.of(second.eventId()), asked.get("latest_events"));
        assertEquals(List.of(hello), asked.get("earliest_events"), "Weft's forward extremities");
        List<String> bodies = recentBodies(roomId);
        assertEquals(List.of("second", "first", "hello"), bodies.subList(0, 3), "both, in the graph's order: " + bodies);
    }

    @Test
    void aGapTheSenderWillNotFillIsBridgedWithTheStateItGivesBeforeTheEvent() {
        String roomId = room("public_chat");
        RoomVersion version = versionOf(roomId);
        Pdu join = join(roomId, version);
        String hello = say(roomId, "hello");
        // An event of bob's server that Weft never gets, and one built on it.
        Pdu unseen = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "unseen"),
                List.of(hello), join.eventId()), remote.key());
        Pdu after = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "after the gap"),
                List.of(unseen.eventId()), join.eventId()), remote.key());
        remote.route("/_matrix/federation/v1/get_missing_events/*",
                exchange -> FakeHomeserver.json(exchange, 200, Map.of("events", List.of())));
        // The room's state before the new event is the state at Weft's message: bob's server asks Weft for it.
        Map<?, ?> state = signedRequest("GET", "/_matrix/federation/v1/state/" + roomId + "?event_id=" + hello, null, 200);
        remote.route("/_matrix/federation/v1/state/*", exchange -> FakeHomeserver.json(exchange, 200, state));

        Map<?, ?> results = (Map<?, ?>) transaction("t-bridge", List.of(after.json()), 200).get("pdus");
        assertEquals(Map.of(after.eventId(), Map.of()), results, "stored, on the state bob's server gave");
        assertTrue(remote.received("/_matrix/federation/v1/state/").get(0).target().contains("event_id="
                + java.net.URLEncoder.encode(after.eventId(), StandardCharsets.UTF_8)), "asked for the state before it");
        eventually(() -> recentBodies(roomId).contains("after the gap") ? true : null, "alice reads it");

        String next = say(roomId, "the room goes on");
        Map<String, Object> sent = eventually(() -> sentToRemote(next), "alice's next message reaches bob's server");
        assertTrue(((List<?>) sent.get("prev_events")).contains(after.eventId()), "built on both branches: " + sent);
    }

    @Test
    void forgedAndMalformedEventsAreRefusedEachOnItsOwn() {
        String roomId = room("public_chat");
        RoomVersion version = versionOf(roomId);
        Pdu join = join(roomId, version);
        String hello = say(roomId, "hello");

        SigningKey impostor = SigningKey.generate(remote.key().version());
        Pdu forged = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "forged"),
                List.of(hello), join.eventId()), impostor);
        Pdu genuine = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "genuine"),
                List.of(hello), join.eventId()), remote.key());
        Map<String, Object> noType = new LinkedHashMap<>(genuine.json());
        noType.remove("type");
        Map<String, Object> elsewhere = new LinkedHashMap<>(genuine.json());
        elsewhere.put("room_id", "!nowhere:" + remote.serverName());
        elsewhere.put("event_id", "$elsewhere");

        Map<?, ?> results = (Map<?, ?>) transaction("t-mixed", List.of(forged.json(), noType, genuine.json(), elsewhere),
                200).get("pdus");
        assertTrue(((Map<?, ?>) results.get(forged.eventId())).containsKey("error"), "bad signature: " + results);
        assertEquals(Map.of(), results.get(genuine.eventId()), "the genuine one is stored: " + results);
        assertTrue(((Map<?, ?>) results.get("$elsewhere")).containsKey("error"), "unknown room: " + results);
        eventually(() -> recentBodies(roomId).contains("genuine") ? true : null, "the genuine message arrives");
        assertFalse(recentBodies(roomId).contains("forged"));

        // A transaction ID seen before gets its first answer again, whatever the body now: for PDUs
        // of several rooms (recorded after them) and of one room (recorded in their transaction).
        assertEquals(results, transaction("t-mixed", List.of(), 200).get("pdus"), "t-mixed answered from the record");
        Pdu unseen = sign(version, remoteEvent(roomId, "m.room.message", null, Map.of("msgtype", "m.text", "body", "unseen"),
                List.of(hello), join.eventId()), remote.key());
        Map<?, ?> once = transaction("t-once", List.of(forged.json()), 200);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) once.get("pdus")).get(forged.eventId())).containsKey("error"), "first: " + once);
        assertEquals(once, transaction("t-once", List.of(unseen.json()), 200), "t-once answered from the record");
        assertFalse(recentBodies(roomId).contains("unseen"), "the retry's body is not read");

        List<Object> tooMany = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            tooMany.add(genuine.json());
        }
        assertEquals("M_BAD_JSON", transaction("t-big", tooMany, 400).get("errcode"));
        assertEquals("M_BAD_JSON", signedRequest("PUT", "/_matrix/federation/v1/send/t-shape",
                Map.of("pdus", "not a list"), 400).get("errcode"));
    }

    @Test
    void joinsTheRoomDoesNotAllowAreRefusedWithTheSpecsErrors() {
        String invitesOnly = room("private_chat");
        RoomVersion version = versionOf(invitesOnly);
        assertEquals("M_FORBIDDEN", signedRequest("GET", makeJoin(invitesOnly, bob, version.id()), null, 403).get("errcode"));
        assertEquals("M_INCOMPATIBLE_ROOM_VERSION",
                signedRequest("GET", makeJoin(invitesOnly, bob, "no-such-version"), null, 400).get("errcode"));
        assertEquals("M_FORBIDDEN", signedRequest("GET", makeJoin(invitesOnly, alice.userId(), version.id()), null, 403)
                .get("errcode"), "a server acts only for its own users");
        assertEquals("M_NOT_FOUND", signedRequest("GET", makeJoin("!nosuchroom:" + weftName, bob, version.id()), null, 404)
                .get("errcode"));

        String open = room("public_chat");
        Map<?, ?> template = (Map<?, ?>) signedRequest("GET", makeJoin(open, bob, version.id()), null, 200).get("event");
        @SuppressWarnings("unchecked")
        Pdu signed = sign(version, new LinkedHashMap<>((Map<String, Object>) template), remote.key());
        assertEquals("M_BAD_JSON", signedRequest("PUT", "/_matrix/federation/v2/send_join/" + open + "/$not-its-id",
                signed.json(), 400).get("errcode"));

        matrix.put("/_matrix/client/v3/rooms/" + open + "/state/m.room.server_acl/", alice.accessToken(),
                Map.of("allow", List.of("*"), "deny", List.of("localhost"))).expect(200);
        assertEquals("M_FORBIDDEN", signedRequest("GET", makeJoin(open, bob, version.id()), null, 403).get("errcode"),
                "the server ACL keeps bob's server out");
    }

    @Test
    void aServerThatFailsATransactionGetsItAgainLater() {
        String roomId = room("public_chat");
        join(roomId, versionOf(roomId));
        failuresToGive.set(2);
        String message = say(roomId, "keep trying");
        Supplier<List<String>> attempts = () -> remote.received("/_matrix/federation/v1/send/").stream()
                .filter(r -> carries(r, message)).map(FakeHomeserver.Received::target).toList();
        eventually(() -> attempts.get().size() >= 3 ? true : null, "a third attempt after two failures");
        List<String> targets = attempts.get();
        assertEquals(0, failuresToGive.get(), "the third attempt was answered 200");
        // Each attempt is a transaction of its own (ADR 0016): a receiver answers an ID it has seen
        // from its record, and a retry may carry other EDUs; the PDU is recognised by its event ID.
        assertEquals(targets.size(), targets.stream().distinct().count(), "a new transaction ID per attempt: " + targets);
    }

    @Test
    void aWeftUserJoinsARoomHeldByTheOtherServerAndTalksInIt() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        room.serveJoins();
        String roomId = room.roomId();
        assertEquals(roomId, matrix.post("/_matrix/client/v3/join/" + roomId + "?via=" + remote.serverName(),
                alice.accessToken(), Map.of()).expect(200).str("room_id"));
        assertTrue(joinedMembers(roomId).containsAll(List.of(alice.userId(), room.creator())),
                "alice sees carol, who was there before her");
        assertEquals("shared", matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.history_visibility",
                alice.accessToken()).expect(200).get("history_visibility"), "the state came with the join");
        Pdu aliceJoin = room.last();
        assertEquals(alice.userId(), aliceJoin.stateKey(), "the room's server has alice's signed join");

        Pdu welcome = room.add("m.room.message", null, room.creator(), Map.of("msgtype", "m.text", "body", "welcome"));
        assertEquals(Map.of(welcome.eventId(), Map.of()), transaction("t-welcome", List.of(welcome.json()), 200).get("pdus"));
        eventually(() -> recentBodies(roomId).contains("welcome") ? true : null, "carol's welcome reaches alice");

        String thanks = say(roomId, "thanks");
        Map<String, Object> sent = eventually(() -> sentToRemote(thanks), "alice's answer reaches the room's server");
        assertEquals(List.of(welcome.eventId()), sent.get("prev_events"));
    }

    @Test
    void aJoinWhoseAnswerCarriesAForgedStateEventIsRefusedAndLeavesNothingBehind() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        room.serveJoins();
        room.forgeInAnswers("m.room.join_rules");
        matrix.post("/_matrix/client/v3/join/" + room.roomId() + "?server_name=" + remote.serverName(), alice.accessToken(),
                Map.of()).expectError(403, "M_FORBIDDEN");
        assertFalse(matrix.get("/_matrix/client/v3/joined_rooms", alice.accessToken()).expect(200).list("joined_rooms")
                .contains(room.roomId()));
        matrix.get("/_matrix/client/v3/rooms/" + room.roomId() + "/state", alice.accessToken()).expectError(404, "M_NOT_FOUND");
    }

    @Test
    void anAliasOfTheOtherServerResolvesThereAndLeadsIntoItsRoom() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        room.serveJoins();
        String alias = "#lobby:" + remote.serverName();
        remote.route("/_matrix/federation/v1/query/directory", exchange -> FakeHomeserver.json(exchange, 200,
                Map.of("room_id", room.roomId(), "servers", List.of(remote.serverName()))));
        Map<String, Object> found = matrix.get("/_matrix/client/v3/directory/room/" + alias.replace("#", "%23"),
                alice.accessToken()).expect(200).json();
        assertEquals(room.roomId(), found.get("room_id"));
        assertEquals(List.of(remote.serverName()), found.get("servers"));
        assertEquals(room.roomId(), matrix.post("/_matrix/client/v3/join/" + alias.replace("#", "%23"), alice.accessToken(),
                Map.of()).expect(200).str("room_id"));
        assertTrue(joinedMembers(room.roomId()).contains(alice.userId()));
    }

    @Test
    void anInviteToAUserOfTheOtherServerCarriesItsSignatureAndLetsThemIn() {
        remote.route("/_matrix/federation/v2/invite/*", exchange -> {
            Map<?, ?> body = (Map<?, ?>) Json.parse(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) body.get("event");
            if (((String) event.get("state_key")).startsWith("@mallory:")) {
                FakeHomeserver.json(exchange, 403, Map.of("errcode", "M_FORBIDDEN", "error", "mallory takes no invites"));
                return;
            }
            RoomVersion version = RoomVersion.of((String) body.get("room_version")).orElseThrow();
            FakeHomeserver.json(exchange, 200, Map.of("event",
                    EventSigner.hashAndSign(event, version, remote.serverName(), remote.key())));
        });
        String roomId = room("private_chat");
        RoomVersion version = versionOf(roomId);
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/invite", alice.accessToken(), Map.of("user_id", bob))
                .expect(200);
        Map<String, Object> invite = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + bob,
                alice.accessToken()).expect(200).json();
        assertEquals("invite", invite.get("membership"));
        Map<?, ?> asked = (Map<?, ?>) remote.received("/_matrix/federation/v2/invite/").get(0).json();
        assertTrue(((List<?>) asked.get("invite_room_state")).stream()
                .anyMatch(e -> "m.room.join_rules".equals(((Map<?, ?>) e).get("type"))), "the room's stripped state comes along");
        assertTrue(((List<?>) asked.get("invite_room_state")).stream().map(e -> (Map<?, ?>) e)
                .anyMatch(e -> "m.room.create".equals(e.get("type")) && e.containsKey("signatures")),
                "as whole PDUs, the create event included (v1.16)");

        join(roomId, version);
        assertTrue(joinedMembers(roomId).contains(bob), "the invite let bob into a private room");

        String mallory = "@mallory:" + remote.serverName();
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/invite", alice.accessToken(), Map.of("user_id", mallory))
                .expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + mallory, alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anInviteFromTheOtherServerShowsInSyncAndIsAcceptedThroughTheInviter() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        room.serveJoins();
        room.add("m.room.name", "", room.creator(), Map.of("name", "Lobby"));
        Pdu invite = room.add("m.room.member", alice.userId(), room.creator(), Map.of("membership", "invite"));
        // Whole PDUs, as servers send them since v1.16; Weft's clients get them stripped.
        Map<?, ?> answer = signedRequest("PUT", "/_matrix/federation/v2/invite/" + room.roomId() + "/" + invite.eventId(),
                Map.of("event", invite.json(), "room_version", "10", "invite_room_state", room.wholeState()), 200);
        Map<String, Object> signed = (Map<String, Object>) answer.get("event");
        assertTrue(((Map<?, ?>) signed.get("signatures")).containsKey(weftName), "Weft countersigned: " + signed);
        assertTrue(((Map<?, ?>) signed.get("signatures")).containsKey(remote.serverName()));

        Map<String, Object> sync = matrix.get("/_matrix/client/v3/sync", alice.accessToken()).expect(200).json();
        Map<?, ?> invited = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) sync.get("rooms")).get("invite")).get(room.roomId());
        List<Map<?, ?>> strippedEvents = (List<Map<?, ?>>) ((Map<?, ?>) invited.get("invite_state")).get("events");
        assertTrue(strippedEvents.stream().anyMatch(e -> "m.room.name".equals(e.get("type"))
                && "Lobby".equals(((Map<?, ?>) e.get("content")).get("name"))), "what the inviter sent: " + strippedEvents);
        assertTrue(strippedEvents.stream().anyMatch(e -> alice.userId().equals(e.get("state_key"))
                && "invite".equals(((Map<?, ?>) e.get("content")).get("membership"))));
        assertTrue(strippedEvents.stream().noneMatch(e -> e.containsKey("signatures") || e.containsKey("event_id")
                && !alice.userId().equals(e.get("state_key"))), "stripped for the client: " + strippedEvents);

        assertEquals(room.roomId(), matrix.post("/_matrix/client/v3/join/" + room.roomId(), alice.accessToken(), Map.of())
                .expect(200).str("room_id"), "joined through the inviter's server, with no via");
        assertTrue(joinedMembers(room.roomId()).contains(alice.userId()));
    }

    @Test
    void anInviteFromTheOtherServerCanBeRefused() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        room.serveLeaves();
        Pdu invite = room.add("m.room.member", alice.userId(), room.creator(), Map.of("membership", "invite"));
        signedRequest("PUT", "/_matrix/federation/v2/invite/" + room.roomId() + "/" + invite.eventId(),
                Map.of("event", invite.json(), "room_version", "10", "invite_room_state", room.strippedState()), 200);
        matrix.post("/_matrix/client/v3/rooms/" + room.roomId() + "/leave", alice.accessToken(), Map.of()).expect(200);
        assertEquals(1, remote.received("/_matrix/federation/v2/send_leave/").size(), "the refusal went to the inviter");
        Pdu leave = room.last();
        assertEquals("leave", leave.content().get("membership"));
        assertEquals(alice.userId(), leave.sender());
        Map<String, Object> sync = matrix.get("/_matrix/client/v3/sync", alice.accessToken()).expect(200).json();
        assertFalse(((Map<?, ?>) ((Map<?, ?>) sync.get("rooms")).get("invite")).containsKey(room.roomId()),
                "no longer invited");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aUserOfTheOtherServerKnocksOnARoomThatTakesKnocks() {
        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "private_chat",
                "initial_state", List.of(Map.of("type", "m.room.join_rules", "state_key", "",
                        "content", Map.of("join_rule", "knock"))))).expect(200).str("room_id");
        RoomVersion version = versionOf(roomId);
        Map<?, ?> made = signedRequest("GET", "/_matrix/federation/v1/make_knock/" + roomId + "/" + bob + "?ver=" + version.id(),
                null, 200);
        assertEquals(version.id(), made.get("room_version"));
        Pdu knock = sign(version, new LinkedHashMap<>((Map<String, Object>) made.get("event")), remote.key());
        Map<?, ?> answer = signedRequest("PUT", "/_matrix/federation/v1/send_knock/" + roomId + "/" + knock.eventId(),
                knock.json(), 200);
        List<Map<?, ?>> state = (List<Map<?, ?>>) answer.get("knock_room_state");
        assertTrue(state.stream().anyMatch(e -> "m.room.create".equals(e.get("type")) && e.containsKey("signatures")),
                "the room's state as whole PDUs, the create event included: " + state);
        assertEquals("knock", matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.member/" + bob,
                alice.accessToken()).expect(200).str("membership"), "alice sees bob knocking");

        String open = room("public_chat");
        assertEquals("M_FORBIDDEN", signedRequest("GET", "/_matrix/federation/v1/make_knock/" + open + "/" + bob + "?ver="
                + versionOf(open).id(), null, 403).get("errcode"), "a public room takes joins, not knocks");
        assertEquals("M_INCOMPATIBLE_ROOM_VERSION", signedRequest("GET", "/_matrix/federation/v1/make_knock/" + roomId
                + "/" + bob + "?ver=1", null, 400).get("errcode"));
        assertEquals("M_BAD_JSON", signedRequest("PUT", "/_matrix/federation/v1/send_knock/" + roomId + "/$other",
                knock.json(), 400).get("errcode"));
    }

    @Test
    void invitesThatAreNotForUsOrNotFromTheirSenderAreRefused() {
        FakeRoom room = new FakeRoom(remote, RoomVersion.V10);
        Pdu invite = room.add("m.room.member", alice.userId(), room.creator(), Map.of("membership", "invite"));
        String target = "/_matrix/federation/v2/invite/" + room.roomId() + "/" + invite.eventId();
        assertEquals("M_INCOMPATIBLE_ROOM_VERSION", signedRequest("PUT", target,
                Map.of("event", invite.json(), "room_version", "99"), 400).get("errcode"));
        assertEquals("M_BAD_JSON", signedRequest("PUT", "/_matrix/federation/v2/invite/" + room.roomId() + "/$other",
                Map.of("event", invite.json(), "room_version", "10"), 400).get("errcode"));
        Pdu nobody = room.add("m.room.member", "@nobody-here:" + weftName, room.creator(), Map.of("membership", "invite"));
        assertEquals("M_NOT_FOUND", signedRequest("PUT", "/_matrix/federation/v2/invite/" + room.roomId() + "/"
                + nobody.eventId(), Map.of("event", nobody.json(), "room_version", "10"), 404).get("errcode"));
        Map<String, Object> forged = new LinkedHashMap<>(invite.json());
        Pdu reSigned = sign(RoomVersion.V10, forged, SigningKey.generate(remote.key().version()));
        assertEquals("M_FORBIDDEN", signedRequest("PUT", "/_matrix/federation/v2/invite/" + room.roomId() + "/"
                + reSigned.eventId(), Map.of("event", reSigned.json(), "room_version", "10"), 403).get("errcode"));
    }

    // --- the remote server's side ---

    private Pdu join(String roomId, RoomVersion version) {
        Map<?, ?> made = signedRequest("GET", makeJoin(roomId, bob, version.id()), null, 200);
        assertEquals(version.id(), made.get("room_version"));
        @SuppressWarnings("unchecked")
        Pdu join = sign(version, new LinkedHashMap<>((Map<String, Object>) made.get("event")), remote.key());
        Map<?, ?> joined = signedRequest("PUT", "/_matrix/federation/v2/send_join/" + roomId + "/" + join.eventId(),
                join.json(), 200);
        List<?> state = (List<?>) joined.get("state");
        assertTrue(state.stream().anyMatch(e -> "m.room.create".equals(((Map<?, ?>) e).get("type"))), "state: " + state);
        assertTrue(state.stream().anyMatch(e -> alice.userId().equals(((Map<?, ?>) e).get("state_key"))));
        assertFalse(((List<?>) joined.get("auth_chain")).isEmpty());
        assertTrue(((List<?>) joined.get("servers_in_room")).containsAll(List.of(weftName, remote.serverName())));
        return join;
    }

    private void leave(String roomId, RoomVersion version) {
        Map<?, ?> made = signedRequest("GET", "/_matrix/federation/v1/make_leave/" + roomId + "/" + bob, null, 200);
        @SuppressWarnings("unchecked")
        Pdu leave = sign(version, new LinkedHashMap<>((Map<String, Object>) made.get("event")), remote.key());
        assertEquals(Map.of(), signedRequest("PUT", "/_matrix/federation/v2/send_leave/" + roomId + "/" + leave.eventId(),
                leave.json(), 200));
    }

    /** An event of bob's on top of {@code prevEvents}, citing the create event, power levels and bob's join. */
    private Map<String, Object> remoteEvent(String roomId, String type, String stateKey, Map<String, Object> content,
                                            List<String> prevEvents, String bobsJoin) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("room_id", roomId);
        event.put("sender", bob);
        event.put("type", type);
        if (stateKey != null) {
            event.put("state_key", stateKey);
        }
        event.put("content", content);
        event.put("prev_events", prevEvents);
        event.put("auth_events", List.of(stateId(roomId, "m.room.create"), stateId(roomId, "m.room.power_levels"), bobsJoin));
        event.put("depth", 100);
        event.put("origin_server_ts", System.currentTimeMillis());
        event.put("origin", remote.serverName());
        return event;
    }

    private Pdu sign(RoomVersion version, Map<String, Object> event, SigningKey key) {
        event.remove("signatures");
        event.remove("hashes");
        event.remove("event_id");
        if (version.v11RedactionAndEventFormat()) {
            event.remove("origin");
        }
        return EventSigner.finish(event, version, remote.serverName(), key);
    }

    private Map<?, ?> transaction(String txnId, List<Object> pdus, int status) {
        return signedRequest("PUT", "/_matrix/federation/v1/send/" + txnId, Map.of("origin", remote.serverName(),
                "origin_server_ts", System.currentTimeMillis(), "pdus", pdus), status);
    }

    private Map<?, ?> signedRequest(String method, String target, Object body, int status) {
        return remote.signedRequest(matrix, weftName, method, target, body, status);
    }

    private static String makeJoin(String roomId, String userId, String version) {
        return "/_matrix/federation/v1/make_join/" + roomId + "/" + userId + "?ver=" + version;
    }

    /** The PDU with this event ID from the transactions the remote server received, or null. */
    private Map<String, Object> sentToRemote(String eventId) {
        for (FakeHomeserver.Received received : remote.received("/_matrix/federation/v1/send/")) {
            Map<String, Object> pdu = pduOf(received, eventId);
            if (pdu != null) {
                return pdu;
            }
        }
        return null;
    }

    private boolean carries(FakeHomeserver.Received transaction, String eventId) {
        return pduOf(transaction, eventId) != null;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> pduOf(FakeHomeserver.Received transaction, String eventId) {
        if (!"PUT".equals(transaction.method())) {
            return null;
        }
        for (Object pdu : (List<Object>) ((Map<String, Object>) transaction.json()).get("pdus")) {
            Map<String, Object> json = (Map<String, Object>) pdu;
            if (eventId.equals(idOf(json))) {
                return json;
            }
        }
        return null;
    }

    private String idOf(Map<String, Object> json) {
        String roomId = (String) json.get("room_id");
        RoomVersion version = versions.computeIfAbsent(roomId, this::versionOf);
        return json.get("event_id") instanceof String id ? id
                : org.weft.core.event.EventIds.referenceHashEventId(json, version);
    }

    // --- alice's side ---

    private String room(String preset) {
        return matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", preset))
                .expect(200).str("room_id");
    }

    private String say(String roomId, String body) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                alice.accessToken(), Map.of("msgtype", "m.text", "body", body)).expect(200).str("event_id");
    }

    private RoomVersion versionOf(String roomId) {
        return RoomVersion.of((String) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.create",
                alice.accessToken()).expect(200).get("room_version")).orElseThrow();
    }

    private String stateId(String roomId, String type) {
        for (Object event : matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state", alice.accessToken()).expect(200).array()) {
            if (type.equals(((Map<?, ?>) event).get("type"))) {
                return (String) ((Map<?, ?>) event).get("event_id");
            }
        }
        throw new AssertionError("no " + type + " in " + roomId);
    }

    @SuppressWarnings("unchecked")
    private List<String> joinedMembers(String roomId) {
        return new ArrayList<>(((Map<String, Object>) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/joined_members",
                alice.accessToken()).expect(200).get("joined")).keySet());
    }

    private List<String> recentBodies(String roomId) {
        return matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=20", alice.accessToken())
                .expect(200).messageBodies("chunk");
    }

    private static <T> T eventually(Supplier<T> probe, String what) {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(what, e);
            }
        }
        throw new AssertionError("Not within " + DEADLINE + ": " + what);
    }
}
