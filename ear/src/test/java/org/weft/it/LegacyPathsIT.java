package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code r0} paths older clients, bots and bridges still call answer as their {@code v3}
 * paths do (docs/adr/0013): registration and login, sync, rooms, profile and media, errors included.
 */
class LegacyPathsIT extends SyncSupport {

    private static final String R0 = "/_matrix/client/r0";

    @Test
    void aClientSpeakingOnlyR0RegistersLogsInSyncsAndTalks() {
        String name = MatrixClient.uniqueName("r0");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "correct horse battery");
        Resp challenge = matrix.post(R0 + "/register", null, body).expect(401);
        body.put("auth", Map.of("type", "m.login.dummy", "session", challenge.str("session")));
        String userId = matrix.post(R0 + "/register", null, body).expect(200).str("user_id");

        assertTrue(matrix.get(R0 + "/login", null).expect(200).text().contains("m.login.password"));
        Resp login = matrix.post(R0 + "/login", null, Map.of("type", "m.login.password",
                "identifier", Map.of("type", "m.id.user", "user", name), "password", "correct horse battery")).expect(200);
        String token = login.str("access_token");
        assertEquals(userId, login.str("user_id"));
        assertEquals(userId, matrix.get(R0 + "/account/whoami", token).expect(200).str("user_id"));

        String roomId = matrix.post(R0 + "/createRoom", token, Map.of("name", "old paths")).expect(200).str("room_id");
        String eventId = matrix.put(R0 + "/rooms/" + roomId + "/send/m.room.message/r0txn", token,
                Map.of("msgtype", "m.text", "body", "from r0")).expect(200).str("event_id");
        // The same transaction over v3 is the same transaction: one mapping, one behaviour.
        assertEquals(eventId, matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/r0txn", token,
                Map.of("msgtype", "m.text", "body", "from r0")).expect(200).str("event_id"));

        Resp sync = matrix.get(R0 + "/sync?timeout=0", token).expect(200);
        assertEquals(List.of("from r0"), bodies(sync, roomId));
        String since = sync.str("next_batch");
        send(token, roomId, "later");
        Resp next = matrix.get(R0 + "/sync?timeout=5000&since=" + since, token).expect(200);
        assertEquals(List.of("later"), bodies(next, roomId));

        Resp page = matrix.get(R0 + "/rooms/" + roomId + "/messages?dir=b&limit=1&from=" + since, token).expect(200);
        assertEquals(eventId, ((Map<?, ?>) page.list("chunk").get(0)).get("event_id"));

        matrix.put(R0 + "/profile/" + userId + "/displayname", token, Map.of("displayname", "Old Timer")).expect(200);
        assertEquals("Old Timer", matrix.get(R0 + "/profile/" + userId + "/displayname", null).expect(200).str("displayname"));

        // The query-string access token of old clients works under r0 too.
        matrix.get(R0 + "/joined_rooms?access_token=" + token, null).expect(200);
    }

    @Test
    void mediaUnderR0UploadsAndDownloads() {
        MatrixClient.Session alice = matrix.registerUnique("r0media");
        byte[] text = "old media paths".getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> upload = matrix.bytes("POST", "/_matrix/media/r0/upload?filename=a.txt", alice.accessToken(),
                text, "Content-Type", "text/plain");
        assertEquals(200, upload.statusCode(), () -> new String(upload.body(), StandardCharsets.UTF_8));
        String uri = (String) ((Map<?, ?>) org.weft.core.json.Json.parse(new String(upload.body(), StandardCharsets.UTF_8)))
                .get("content_uri");
        String path = uri.substring("mxc://".length());
        HttpResponse<byte[]> download = matrix.bytes("GET", "/_matrix/media/r0/download/" + path, null, null);
        assertEquals(200, download.statusCode());
        assertArrayEquals(text, download.body());
        assertEquals(200, matrix.bytes("GET", "/_matrix/media/r0/download/" + path + "/a.txt", null, null).statusCode());
        matrix.get("/_matrix/media/r0/config", alice.accessToken()).expect(200);
    }

    @Test
    void errorsAndUnknownPathsUnderR0AreTheSameAsUnderV3() {
        matrix.get(R0 + "/sync", null).expectError(401, "M_MISSING_TOKEN");
        matrix.get(R0 + "/account/whoami", "not-a-token").expectError(401, "M_UNKNOWN_TOKEN");
        matrix.send("POST", R0 + "/login", null, "{not json").expectError(400, "M_NOT_JSON");
        // r0 is an alias of v3 only: v1-only endpoints and r0 of other APIs do not exist.
        MatrixClient.Session alice = matrix.registerUnique("r0err");
        String roomId = createRoom(alice.accessToken(), Map.of());
        matrix.get(R0 + "/rooms/" + roomId + "/timestamp_to_event?ts=0&dir=f", alice.accessToken())
                .expectError(404, "M_UNRECOGNIZED");
        matrix.get("/_matrix/federation/r0/version", null).expectError(404, "M_UNRECOGNIZED");
        matrix.get("/_matrix/client/r0x/sync", alice.accessToken()).expectError(404, "M_UNRECOGNIZED");
    }

    @Test
    void versionsListsOnlyTheVersionsWhoseRulesAreServed() {
        Resp versions = matrix.get("/_matrix/client/versions", null).expect(200);
        List<Object> listed = versions.list("versions");
        assertTrue(listed.contains("v1.1") && listed.contains("v1.19"), listed::toString);
        assertFalse(listed.stream().anyMatch(v -> ((String) v).startsWith("r0")), listed::toString);
    }
}
