package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every token the spec lets a client paginate from (GET /rooms/{roomId}/messages, {@code from}:
 * "a prev_batch or next_batch token returned by the /sync endpoint, or ... an end token returned by
 * a previous request to this endpoint"; /context's start and end; /members' {@code at}), in both
 * directions, and /sync's since kept apart from them. matrix-nio's
 * {@code room_messages(room, start=client.next_batch)} failed on a next_batch before.
 */
class PaginationTokensIT extends SyncSupport {

    private static final String LIMIT_2 = "{\"room\":{\"timeline\":{\"limit\":2}}}";

    private String messages(String token, String roomId, String query) {
        return "/_matrix/client/v3/rooms/" + roomId + "/messages?" + query;
    }

    private Resp page(MatrixClient.Session user, String roomId, String query) {
        return matrix.get(messages(user.accessToken(), roomId, query), user.accessToken()).expect(200);
    }

    @Test
    void nextBatchOfSyncPaginatesBothWays() {
        MatrixClient.Session alice = matrix.registerUnique("nb");
        String roomId = createRoom(alice.accessToken(), Map.of());
        for (int i = 1; i <= 4; i++) {
            send(alice.accessToken(), roomId, "m" + i);
        }
        String nextBatch = sync(alice.accessToken(), null, filter(LIMIT_2)).expect(200).str("next_batch");
        assertTrue(nextBatch.contains("_"), "a sync token carries the ephemeral serial: " + nextBatch);

        // Backwards from next_batch: the newest events the sync had seen.
        Resp back = page(alice, roomId, "dir=b&limit=3&from=" + nextBatch);
        assertEquals(List.of("m4", "m3", "m2"), back.messageBodies("chunk"));
        assertEquals(List.of("m1"), page(alice, roomId, "dir=b&limit=1&from=" + back.str("end")).messageBodies("chunk"));

        // Forwards from next_batch: nothing yet, then what was sent after the sync.
        assertEquals(List.of(), page(alice, roomId, "dir=f&limit=10&from=" + nextBatch).messageBodies("chunk"));
        send(alice.accessToken(), roomId, "m5");
        assertEquals(List.of("m5"), page(alice, roomId, "dir=f&limit=10&from=" + nextBatch).messageBodies("chunk"));

        // And as the other end of a range: from the start of the room up to next_batch.
        Resp upTo = page(alice, roomId, "dir=b&limit=10&from=" + page(alice, roomId, "dir=b&limit=1").str("start")
                + "&to=" + nextBatch);
        assertEquals(List.of("m5"), upTo.messageBodies("chunk"));
    }

    @Test
    void prevBatchOfALimitedTimelinePaginatesBothWays() {
        MatrixClient.Session alice = matrix.registerUnique("pb");
        String roomId = createRoom(alice.accessToken(), Map.of());
        for (int i = 1; i <= 5; i++) {
            send(alice.accessToken(), roomId, "m" + i);
        }
        Resp sync = sync(alice.accessToken(), null, filter(LIMIT_2)).expect(200);
        assertEquals(List.of("m4", "m5"), bodies(sync, roomId));
        assertEquals(Boolean.TRUE, timeline(sync, roomId).get("limited"));
        String prevBatch = (String) timeline(sync, roomId).get("prev_batch");

        assertEquals(List.of("m3", "m2"), page(alice, roomId, "dir=b&limit=2&from=" + prevBatch).messageBodies("chunk"));
        assertEquals(List.of("m4", "m5"), page(alice, roomId, "dir=f&limit=2&from=" + prevBatch).messageBodies("chunk"));

        // An incremental sync's prev_batch is a token too.
        String since = sync.str("next_batch");
        send(alice.accessToken(), roomId, "m6");
        Resp next = syncUntil(alice.accessToken(), since, r -> bodies(r, roomId).contains("m6"));
        String incrementalPrev = (String) timeline(next, roomId).get("prev_batch");
        assertEquals(List.of("m5", "m4"), page(alice, roomId, "dir=b&limit=2&from=" + incrementalPrev).messageBodies("chunk"));
        assertEquals(List.of("m6"), page(alice, roomId, "dir=f&limit=2&from=" + incrementalPrev).messageBodies("chunk"));
    }

    @Test
    void contextStartAndEndPaginateBothWays() {
        MatrixClient.Session alice = matrix.registerUnique("ctx");
        String roomId = createRoom(alice.accessToken(), Map.of());
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            ids.add(send(alice.accessToken(), roomId, "m" + i));
        }
        Resp context = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/context/" + ids.get(3) + "?limit=2",
                alice.accessToken()).expect(200);
        String start = context.str("start");
        String end = context.str("end");
        // The context holds m3, m4, m5: start sits before m3, end after m5.
        assertEquals(List.of("m2", "m1"), page(alice, roomId, "dir=b&limit=2&from=" + start).messageBodies("chunk"));
        assertEquals(List.of("m3", "m4"), page(alice, roomId, "dir=f&limit=2&from=" + start).messageBodies("chunk"));
        assertEquals(List.of("m6", "m7"), page(alice, roomId, "dir=f&limit=5&from=" + end).messageBodies("chunk"));
        assertEquals(List.of("m5", "m4"), page(alice, roomId, "dir=b&limit=2&from=" + end).messageBodies("chunk"));
    }

    @Test
    void membersAtASyncToken() {
        MatrixClient.Session alice = matrix.registerUnique("at");
        MatrixClient.Session bob = matrix.registerUnique("at");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        Resp before = sync(alice.accessToken(), null, filter(LIMIT_2)).expect(200);
        matrix.post("/_matrix/client/v3/join/" + roomId, bob.accessToken(), Map.of()).expect(200);

        String base = "/_matrix/client/v3/rooms/" + roomId + "/members?membership=join&at=";
        assertEquals(1, matrix.get(base + before.str("next_batch"), alice.accessToken()).expect(200).list("chunk").size());
        assertEquals(1, matrix.get(base + timeline(before, roomId).get("prev_batch"), alice.accessToken())
                .expect(200).list("chunk").size());
        String after = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        assertEquals(2, matrix.get(base + after, alice.accessToken()).expect(200).list("chunk").size());
    }

    @Test
    void syncSinceTakesOnlySyncTokens() {
        MatrixClient.Session alice = matrix.registerUnique("since");
        String roomId = createRoom(alice.accessToken(), Map.of());
        send(alice.accessToken(), roomId, "m1");
        String nextBatch = sync(alice.accessToken(), null, null).expect(200).str("next_batch");
        sync(alice.accessToken(), nextBatch, null).expect(200);

        // A /messages token has no position for typing and presence: not a since.
        String end = page(alice, roomId, "dir=b&limit=1").str("end");
        sync(alice.accessToken(), end, null).expectError(400, "M_INVALID_PARAM");
    }

    @Test
    void malformedTokensAreInvalidParams() {
        MatrixClient.Session alice = matrix.registerUnique("badtok");
        String roomId = createRoom(alice.accessToken(), Map.of());
        for (String bad : List.of("x", "s", "s--1", "s-", "s1_", "s1_2_3", "s99999999999999999999", "t1-2")) {
            matrix.get(messages(alice.accessToken(), roomId, "dir=b&from=" + bad), alice.accessToken())
                    .expectError(400, "M_INVALID_PARAM");
            matrix.get(messages(alice.accessToken(), roomId, "dir=f&to=" + bad), alice.accessToken())
                    .expectError(400, "M_INVALID_PARAM");
            matrix.get("/_matrix/client/v3/rooms/" + roomId + "/members?at=" + bad, alice.accessToken())
                    .expectError(400, "M_INVALID_PARAM");
            sync(alice.accessToken(), bad, null).expectError(400, "M_INVALID_PARAM");
        }
        // History fetched from other servers lies below position 0, so a /messages token may be
        // negative; a /sync token never is.
        assertEquals(List.of(), matrix.get(messages(alice.accessToken(), roomId, "dir=b&from=s-1"), alice.accessToken())
                .expect(200).list("chunk"), "below all of this room's history: nothing");
        sync(alice.accessToken(), "s-1", null).expectError(400, "M_INVALID_PARAM");
    }
}
