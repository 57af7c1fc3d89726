package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.crypto.EventSigner;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.federation.PublishedKeys;
import org.weft.core.json.Json;

/**
 * Events and state for other servers: {@code /event}, {@code /state}, {@code /state_ids},
 * {@code /event_auth} (server-server API, "Retrieving events"), asked by a {@link FakeHomeserver}
 * with signed requests: PDUs exactly as Weft signed them, only where the other server may see them.
 */
class FederationEventsIT extends WeftIT {

    private FakeHomeserver remote;
    private String weftName;
    private PublishedKeys weftKeys;
    private MatrixClient.Session alice;

    @BeforeEach
    void start() throws Exception {
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        Map<String, Object> keys = matrix.get("/_matrix/key/v2/server", null).expect(200).json();
        weftName = (String) keys.get("server_name");
        weftKeys = PublishedKeys.verify(keys, weftName, System.currentTimeMillis());
        alice = matrix.registerUnique("fedev");
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    private String room(String visibility) {
        return matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat",
                "initial_state", List.of(Map.of("type", "m.room.history_visibility", "state_key", "",
                        "content", Map.of("history_visibility", visibility))))).expect(200).str("room_id");
    }

    private String send(String roomId, String body) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                alice.accessToken(), Map.of("msgtype", "m.text", "body", body)).expect(200).str("event_id");
    }

    private Map<?, ?> signedGet(String target, int status) {
        HttpResponse<byte[]> response = matrix.bytes("GET", target, null, null, "Authorization",
                remote.authorization("GET", target, weftName, null));
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        return (Map<?, ?>) Json.parse(text);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWorldReadableRoomsEventsAndStateComeAsWeftSignedThem() {
        String roomId = room("world_readable");
        String messageId = send(roomId, "hello federation");
        RoomVersion version = RoomVersion.of((String) matrix.get("/_matrix/client/v3/rooms/" + roomId
                + "/state/m.room.create", alice.accessToken()).expect(200).get("room_version")).orElseThrow();

        Map<?, ?> transaction = signedGet("/_matrix/federation/v1/event/" + messageId, 200);
        assertEquals(weftName, transaction.get("origin"));
        Map<String, Object> json = ((List<Map<String, Object>>) transaction.get("pdus")).get(0);
        assertEquals(messageId, EventIds.referenceHashEventId(json, version), "the ID is the event's hash");
        String keyId = weftKeys.verifyKeys().keySet().iterator().next();
        assertTrue(EventSigner.verifyEvent(Pdu.of(messageId, json), version, weftName, keyId,
                weftKeys.verifyKeys().get(keyId)), "signed by Weft");
        assertEquals("hello federation", ((Map<?, ?>) json.get("content")).get("body"));

        Map<?, ?> ids = signedGet("/_matrix/federation/v1/state_ids/" + roomId + "?event_id=" + messageId, 200);
        List<String> stateIds = (List<String>) ids.get("pdu_ids");
        List<String> chainIds = (List<String>) ids.get("auth_chain_ids");
        Map<?, ?> state = signedGet("/_matrix/federation/v1/state/" + roomId + "?event_id=" + messageId, 200);
        List<Map<String, Object>> statePdus = (List<Map<String, Object>>) state.get("pdus");
        assertEquals(stateIds.size(), statePdus.size());
        assertTrue(statePdus.stream().anyMatch(e -> "m.room.create".equals(e.get("type"))));
        assertTrue(statePdus.stream().anyMatch(e -> "m.room.member".equals(e.get("type"))
                && alice.userId().equals(e.get("state_key"))));
        assertEquals(chainIds.size(), ((List<?>) state.get("auth_chain")).size());
        assertTrue(!chainIds.isEmpty() && !chainIds.contains(messageId));

        Map<?, ?> auth = signedGet("/_matrix/federation/v1/event_auth/" + roomId + "/" + messageId, 200);
        List<Map<String, Object>> authChain = (List<Map<String, Object>>) auth.get("auth_chain");
        assertTrue(authChain.stream().anyMatch(e -> "m.room.create".equals(e.get("type"))));
        assertTrue(authChain.stream().anyMatch(e -> "m.room.power_levels".equals(e.get("type"))));
    }

    @Test
    void aServerWithNoUserInTheRoomSeesNothingOfSharedHistory() {
        String roomId = room("shared");
        String messageId = send(roomId, "members only");
        assertEquals("M_FORBIDDEN", signedGet("/_matrix/federation/v1/event/" + messageId, 403).get("errcode"));
        assertEquals("M_FORBIDDEN", signedGet("/_matrix/federation/v1/state_ids/" + roomId + "?event_id=" + messageId,
                403).get("errcode"));
    }

    @Test
    void theRoomsServerAclKeepsADeniedServerOut() {
        String roomId = room("world_readable");
        String messageId = send(roomId, "before the ACL");
        signedGet("/_matrix/federation/v1/event/" + messageId, 200);
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.server_acl/", alice.accessToken(),
                Map.of("allow", List.of("*"), "deny", List.of("localhost"))).expect(200);
        Map<?, ?> refused = signedGet("/_matrix/federation/v1/event/" + messageId, 403);
        assertTrue(((String) refused.get("error")).contains("server ACL"), String.valueOf(refused));
    }

    @Test
    void unknownEventsMissingParametersAndUnsignedRequestsGetTheSpecsErrors() {
        String roomId = room("world_readable");
        String otherRoom = room("world_readable");
        String messageId = send(roomId, "here");
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/event/$nosuchevent", 404).get("errcode"));
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/state_ids/" + otherRoom + "?event_id="
                + messageId, 404).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet("/_matrix/federation/v1/state_ids/" + roomId, 400).get("errcode"));
        matrix.get("/_matrix/federation/v1/event/" + messageId, null).expectError(401, "M_UNAUTHORIZED");
        matrix.get("/_matrix/federation/v1/version", null).expect(200);
    }

    @Test
    @SuppressWarnings("unchecked")
    void missingEventsComeFromABreadthFirstWalkBetweenWhatTheServerHasAndWhatItLacks() {
        String roomId = room("world_readable");
        String first = send(roomId, "one");
        String second = send(roomId, "two");
        String third = send(roomId, "three");
        String fourth = send(roomId, "four");
        String target = "/_matrix/federation/v1/get_missing_events/" + roomId;

        Map<?, ?> found = signedPost(target, Map.of("earliest_events", List.of(first), "latest_events", List.of(fourth)), 200);
        List<Map<String, Object>> events = (List<Map<String, Object>>) found.get("events");
        assertEquals(List.of("two", "three"), events.stream().map(e -> ((Map<?, ?>) e.get("content")).get("body")).toList(),
                "between the earliest and the latest, oldest first");

        Map<?, ?> limited = signedPost(target, Map.of("earliest_events", List.of(first), "latest_events", List.of(fourth),
                "limit", 1), 200);
        assertEquals(1, ((List<?>) limited.get("events")).size());
        assertTrue(second != null && third != null);

        assertEquals("M_BAD_JSON", signedPost(target, Map.of("earliest_events", "nope", "latest_events", List.of()), 400)
                .get("errcode"));
        assertEquals("M_BAD_JSON", signedPost(target, Map.of("earliest_events", List.of(), "latest_events", List.of(fourth),
                "limit", "ten"), 400).get("errcode"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void backfillWalksBackFromTheEventsNamedAndRedactsWhatTheServerMayNotSee() {
        String open = room("world_readable");
        List<String> sent = new java.util.ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            sent.add(send(open, "message " + i));
        }
        String target = "/_matrix/federation/v1/backfill/" + open + "?v=" + sent.get(4) + "&limit=3";
        Map<?, ?> answer = signedGet(target, 200);
        assertEquals(weftName, answer.get("origin"));
        List<Map<String, Object>> pdus = (List<Map<String, Object>>) answer.get("pdus");
        assertEquals(List.of("message 5", "message 4", "message 3"),
                pdus.stream().map(e -> ((Map<?, ?>) e.get("content")).get("body")).toList(), "the named event and those before it, newest first");

        String hidden = room("joined");
        String secret = send(hidden, "for members only");
        List<Map<String, Object>> redacted = (List<Map<String, Object>>) signedGet("/_matrix/federation/v1/backfill/" + hidden
                + "?v=" + secret + "&limit=1", 200).get("pdus");
        assertEquals(1, redacted.size());
        assertEquals(Map.of(), redacted.get(0).get("content"), "a server with no member sees the event's place, not its content");

        assertEquals("M_MISSING_PARAM", signedGet("/_matrix/federation/v1/backfill/" + open + "?limit=3", 400).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet("/_matrix/federation/v1/backfill/" + open + "?v=" + sent.get(0), 400)
                .get("errcode"));
        assertEquals("M_INVALID_PARAM", signedGet("/_matrix/federation/v1/backfill/" + open + "?v=" + sent.get(0)
                + "&limit=many", 400).get("errcode"));
        assertEquals("M_INVALID_PARAM", signedGet("/_matrix/federation/v1/backfill/" + open + "?limit=3"
                + "&v=$a".repeat(21), 400).get("errcode"), "a bound on where a walk may start");
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/backfill/!nowhere:" + weftName + "?v=" + sent.get(0)
                + "&limit=3", 404).get("errcode"));
    }

    @Test
    void timestampToEventFindsTheNearestEventTheServerMaySee() {
        String roomId = room("world_readable");
        String first = send(roomId, "first");
        String second = send(roomId, "second");
        long firstTs = timestampOf(roomId, first);
        long secondTs = timestampOf(roomId, second);
        String base = "/_matrix/federation/v1/timestamp_to_event/" + roomId;
        Map<?, ?> after = signedGet(base + "?ts=" + secondTs + "&dir=f", 200);
        assertEquals(second, after.get("event_id"), "the first event at or after the time");
        assertEquals(secondTs, ((Number) after.get("origin_server_ts")).longValue());
        assertEquals(second, signedGet(base + "?ts=" + secondTs + "&dir=b", 200).get("event_id"), "the last at or before it");
        if (firstTs < secondTs) {
            assertEquals(first, signedGet(base + "?ts=" + firstTs + "&dir=b", 200).get("event_id"));
        }
        assertEquals("M_NOT_FOUND", signedGet(base + "?ts=" + (secondTs + 3_600_000) + "&dir=f", 404).get("errcode"));
        assertEquals("M_INVALID_PARAM", signedGet(base + "?ts=" + secondTs + "&dir=up", 400).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet(base + "?dir=f", 400).get("errcode"));
        assertEquals("M_MISSING_PARAM", signedGet(base + "?ts=" + secondTs, 400).get("errcode"));
        assertEquals("M_INVALID_PARAM", signedGet(base + "?ts=-5&dir=f", 400).get("errcode"));

        String hidden = room("joined");
        send(hidden, "members only");
        assertEquals("M_NOT_FOUND", signedGet("/_matrix/federation/v1/timestamp_to_event/" + hidden + "?ts=0&dir=f", 404)
                .get("errcode"), "nothing a server with no member may see");
    }

    private long timestampOf(String roomId, String eventId) {
        return ((Number) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + eventId, alice.accessToken())
                .expect(200).get("origin_server_ts")).longValue();
    }

    private Map<?, ?> signedPost(String target, Object body, int status) {
        HttpResponse<byte[]> response = matrix.bytes("POST", target, null, Json.write(body).getBytes(StandardCharsets.UTF_8),
                "Authorization", remote.authorization("POST", target, weftName, body), "Content-Type", "application/json");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertEquals(status, response.statusCode(), text);
        return (Map<?, ?>) Json.parse(text);
    }
}
