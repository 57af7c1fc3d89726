package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sending (idempotent per txnId), redacting, fetching, paginating and history visibility. */
class RoomMessagesIT extends WeftIT {

    private String room(String token, Map<String, Object> body) {
        return matrix.post("/_matrix/client/v3/createRoom", token, body).expect(200).str("room_id");
    }

    private String send(String token, String roomId, String txnId, String text) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + txnId, token,
                Map.of("msgtype", "m.text", "body", text)).expect(200).str("event_id");
    }

    @Test
    void retriedSendWithTheSameTxnIdCreatesNothing() {
        MatrixClient.Session alice = matrix.registerUnique("txn");
        String roomId = room(alice.accessToken(), Map.of());
        String first = send(alice.accessToken(), roomId, "t1", "hello");
        String retry = send(alice.accessToken(), roomId, "t1", "hello");
        assertEquals(first, retry);
        assertTrue(first.startsWith("$") && !first.contains(":"), "room v10 event IDs are hashes: " + first);
        String other = send(alice.accessToken(), roomId, "t2", "hello");
        assertNotEquals(first, other);
        Resp page = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=10", alice.accessToken()).expect(200);
        assertEquals(List.of("hello", "hello"), page.messageBodies("chunk"));

        // The same txnId from another device of the same user is a new transaction.
        String otherDevice = matrix.login(alice.userId(), alice.password(), Map.of()).expect(200).str("access_token");
        assertNotEquals(first, send(otherDevice, roomId, "t1", "hello"));

        Resp event = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + first, alice.accessToken()).expect(200);
        assertEquals("t1", ((Map<?, ?>) event.get("unsigned")).get("transaction_id"));
        assertNull(((Map<?, ?>) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + first, otherDevice)
                .expect(200).get("unsigned")).get("transaction_id"), "only the sending device sees its txnId");
    }

    @Test
    void paginationTokensWorkBothWays() {
        MatrixClient.Session alice = matrix.registerUnique("paginate");
        String roomId = room(alice.accessToken(), Map.of());
        for (int i = 1; i <= 5; i++) {
            send(alice.accessToken(), roomId, "m" + i, "message " + i);
        }
        String base = "/_matrix/client/v3/rooms/" + roomId + "/messages";
        Resp latest = matrix.get(base + "?dir=b&limit=2", alice.accessToken()).expect(200);
        assertEquals(List.of("message 5", "message 4"), latest.messageBodies("chunk"));
        Resp older = matrix.get(base + "?dir=b&limit=2&from=" + latest.str("end"), alice.accessToken()).expect(200);
        assertEquals(List.of("message 3", "message 2"), older.messageBodies("chunk"));
        Resp newerAgain = matrix.get(base + "?dir=f&limit=2&from=" + older.str("start"), alice.accessToken()).expect(200);
        assertEquals(List.of("message 4", "message 5"), newerAgain.messageBodies("chunk"));

        Resp all = matrix.get(base + "?dir=b&limit=100", alice.accessToken()).expect(200);
        assertFalse(all.json().containsKey("end"), "no end token at the start of history");
        assertEquals("m.room.create", ((Map<?, ?>) all.list("chunk").get(all.list("chunk").size() - 1)).get("type"));

        Resp filtered = matrix.get(base + "?dir=b&limit=100&filter=" + RoomsIT.enc("{\"types\":[\"m.room.message\"]}"),
                alice.accessToken()).expect(200);
        assertEquals(5, filtered.list("chunk").size());

        matrix.get(base + "?dir=x", alice.accessToken()).expectError(400, "M_INVALID_PARAM");
        matrix.get(base + "?dir=b&from=garbage", alice.accessToken()).expectError(400, "M_INVALID_PARAM");
        matrix.get(base + "?dir=b&limit=ten", alice.accessToken()).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void contextAndTimestampLookup() {
        MatrixClient.Session alice = matrix.registerUnique("context");
        String roomId = room(alice.accessToken(), Map.of());
        send(alice.accessToken(), roomId, "c1", "before");
        String middle = send(alice.accessToken(), roomId, "c2", "middle");
        send(alice.accessToken(), roomId, "c3", "after");
        Resp context = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/context/" + middle + "?limit=2",
                alice.accessToken()).expect(200);
        assertEquals(middle, ((Map<?, ?>) context.get("event")).get("event_id"));
        assertEquals(1, context.list("events_before").size());
        assertEquals(1, context.list("events_after").size());
        assertNotNull(context.str("start"));
        assertNotNull(context.str("end"));
        assertFalse(context.list("state").isEmpty());

        long ts = ((Number) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + middle, alice.accessToken())
                .expect(200).get("origin_server_ts")).longValue();
        Resp found = matrix.get("/_matrix/client/v1/rooms/" + roomId + "/timestamp_to_event?dir=b&ts=" + ts,
                alice.accessToken()).expect(200);
        assertNotNull(found.str("event_id"));
        matrix.get("/_matrix/client/v1/rooms/" + roomId + "/timestamp_to_event?dir=b&ts=1", alice.accessToken())
                .expectError(404, "M_NOT_FOUND");
        matrix.get("/_matrix/client/v1/rooms/" + roomId + "/timestamp_to_event?dir=b", alice.accessToken())
                .expectError(400, "M_MISSING_PARAM");
    }

    @Test
    void redactedEventsAreServedRedacted() {
        MatrixClient.Session alice = matrix.registerUnique("redactor");
        MatrixClient.Session bob = matrix.registerUnique("redactee");
        String roomId = room(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/join/" + roomId, bob.accessToken(), Map.of()).expect(200);
        String bobsMessage = send(bob.accessToken(), roomId, "b1", "oops");
        String alicesMessage = send(alice.accessToken(), roomId, "a1", "mine");

        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/redact/" + alicesMessage + "/r1", bob.accessToken(),
                Map.of("reason", "no")).expectError(403, "M_FORBIDDEN");
        String redaction = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/redact/" + bobsMessage + "/r2",
                bob.accessToken(), Map.of("reason", "typo")).expect(200).str("event_id");
        assertEquals(redaction, matrix.put("/_matrix/client/v3/rooms/" + roomId + "/redact/" + bobsMessage + "/r2",
                bob.accessToken(), Map.of("reason", "typo")).expect(200).str("event_id"), "idempotent");

        Resp redacted = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + bobsMessage, alice.accessToken()).expect(200);
        assertEquals(Map.of(), redacted.get("content"));
        Map<?, ?> because = (Map<?, ?>) ((Map<?, ?>) redacted.get("unsigned")).get("redacted_because");
        assertEquals(redaction, because.get("event_id"));
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/redact/$nope/r3", bob.accessToken(), Map.of())
                .expectError(404, "M_NOT_FOUND");
    }

    @Test
    void outsidersCannotReadOrWriteAndHistoryVisibilityIsEnforced() {
        MatrixClient.Session alice = matrix.registerUnique("owner");
        MatrixClient.Session eve = matrix.registerUnique("outsider");
        String roomId = room(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.history_visibility", alice.accessToken(),
                Map.of("history_visibility", "joined")).expect(200);
        String secret = send(alice.accessToken(), roomId, "s1", "before eve joined");

        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/x1", eve.accessToken(),
                Map.of("msgtype", "m.text", "body", "hi")).expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b", eve.accessToken()).expectError(403, "M_FORBIDDEN");
        matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + secret, eve.accessToken()).expectError(404, "M_NOT_FOUND");

        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", eve.accessToken(), Map.of()).expect(200);
        matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + secret, eve.accessToken()).expectError(404, "M_NOT_FOUND");
        send(alice.accessToken(), roomId, "s2", "after eve joined");
        Resp page = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=50", eve.accessToken()).expect(200);
        assertEquals(List.of("after eve joined"), page.messageBodies("chunk"));
        matrix.get("/_matrix/client/v3/rooms/!nosuchroom:localhost:8008/messages?dir=b", eve.accessToken())
                .expectError(404, "M_NOT_FOUND");
    }

    @Test
    void txnIdsAreScopedToTheEndpointAndRoom() {
        MatrixClient.Session alice = matrix.registerUnique("scoped");
        String first = room(alice.accessToken(), Map.of());
        String second = room(alice.accessToken(), Map.of());
        assertNotEquals(send(alice.accessToken(), first, "same", "one"), send(alice.accessToken(), second, "same", "two"));
        matrix.put("/_matrix/client/v3/rooms/" + first + "/send/m.room.message/" + "x".repeat(300), alice.accessToken(),
                Map.of("msgtype", "m.text", "body", "long txn")).expectError(400, "M_INVALID_PARAM");
        matrix.put("/_matrix/client/v3/rooms/" + first + "/send/" + "t".repeat(300) + "/t9", alice.accessToken(),
                Map.of("body", "long type")).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void redactionsSentThroughSendAreCheckedAndApplied() {
        MatrixClient.Session alice = matrix.registerUnique("sendredact");
        MatrixClient.Session bob = matrix.registerUnique("sendredactee");
        String roomId = room(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String alicesMessage = send(alice.accessToken(), roomId, "a1", "keep me");
        String bobsMessage = send(bob.accessToken(), roomId, "b1", "delete me");
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.redaction/r1", bob.accessToken(),
                Map.of("redacts", alicesMessage)).expectError(403, "M_FORBIDDEN");
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.redaction/r2", bob.accessToken(), Map.of())
                .expectError(400, "M_MISSING_PARAM");
        String redaction = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.redaction/r3", bob.accessToken(),
                Map.of("redacts", bobsMessage)).expect(200).str("event_id");
        Resp redacted = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + bobsMessage, alice.accessToken()).expect(200);
        assertEquals(Map.of(), redacted.get("content"));
        Resp redactionEvent = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + redaction, alice.accessToken()).expect(200);
        assertEquals(bobsMessage, redactionEvent.str("redacts"), "v10: redacts at the top level");
    }

    @Test
    void redactedStateIsServedRedacted() {
        MatrixClient.Session alice = matrix.registerUnique("statered");
        String roomId = room(alice.accessToken(), Map.of("topic", "secret plans"));
        String topicEvent = (String) matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.topic?format=event",
                alice.accessToken()).expect(200).get("event_id");
        Resp topic = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.topic", alice.accessToken()).expect(200);
        assertEquals("secret plans", topic.str("topic"));
        assertEquals("text/plain", ((Map<?, ?>) ((List<?>) topic.get("m.topic")).get(0)).get("mimetype"));
        matrix.put("/_matrix/client/v3/rooms/" + roomId + "/redact/" + topicEvent + "/t1", alice.accessToken(), Map.of()).expect(200);
        assertEquals(Map.of(), matrix.get("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.topic", alice.accessToken())
                .expect(200).json());
    }

    @Test
    void aVisibilityChangeIsVisibleToWhoeverTheVisibilityBeforeOrAfterItAllows() {
        MatrixClient.Session alice = matrix.registerUnique("hvowner");
        MatrixClient.Session bob = matrix.registerUnique("hvinvitee");
        String roomId = room(alice.accessToken(), Map.of("preset", "private_chat", "initial_state", List.of(Map.of(
                "type", "m.room.history_visibility", "state_key", "", "content", Map.of("history_visibility", "invited")))));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/invite", alice.accessToken(), Map.of("user_id", bob.userId()))
                .expect(200);
        send(alice.accessToken(), roomId, "v1", "while invited may see");
        String change = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/state/m.room.history_visibility",
                alice.accessToken(), Map.of("history_visibility", "joined")).expect(200).str("event_id");
        send(alice.accessToken(), roomId, "v2", "only for the joined");

        // Bob, invited: "invited" before the change lets him see it, though "joined" after does not.
        Resp page = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=50", bob.accessToken())
                .expect(200);
        assertEquals(List.of("while invited may see"), page.messageBodies("chunk"));
        assertTrue(page.list("chunk").stream().anyMatch(e -> change.equals(((Map<?, ?>) e).get("event_id"))),
                page.text());
        matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + change, bob.accessToken()).expect(200);
    }
}
