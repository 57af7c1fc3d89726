package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Server-side key backups: versions, keys at each level, the better-key rule and wrong versions. */
class KeyBackupIT extends WeftIT {

    private static final String ALGORITHM = "m.megolm_backup.v1.curve25519-aes-sha2";

    private static Map<String, Object> keyData(int firstIndex, boolean verified) {
        return Map.of("first_message_index", firstIndex, "forwarded_count", 0, "is_verified", verified,
                "session_data", Map.of("ciphertext", "c" + firstIndex, "ephemeral", "e", "mac", "m"));
    }

    @Test
    void backupVersionsAndKeys() {
        MatrixClient.Session alice = matrix.registerUnique("backup");
        String token = alice.accessToken();
        matrix.get("/_matrix/client/v3/room_keys/version", token).expectError(404, "M_NOT_FOUND");
        String v1 = matrix.post("/_matrix/client/v3/room_keys/version", token,
                Map.of("algorithm", ALGORITHM, "auth_data", Map.of("public_key", "abc"))).expect(200).str("version");
        Resp info = matrix.get("/_matrix/client/v3/room_keys/version", token).expect(200);
        assertEquals(v1, info.str("version"));
        assertEquals(0, ((Number) info.get("count")).intValue());

        String keys = "/_matrix/client/v3/room_keys/keys";
        Resp put = matrix.put(keys + "/!room:x/sess1?version=" + v1, token, keyData(5, false)).expect(200);
        assertEquals(1, ((Number) put.get("count")).intValue());
        String etag = put.str("etag");
        // A worse key (later first index) does not replace the stored one; a verified one does.
        assertEquals(etag, matrix.put(keys + "/!room:x/sess1?version=" + v1, token, keyData(9, false)).expect(200).str("etag"));
        assertNotEquals(etag, matrix.put(keys + "/!room:x/sess1?version=" + v1, token, keyData(9, true)).expect(200).str("etag"));
        assertEquals(9, ((Number) matrix.get(keys + "/!room:x/sess1?version=" + v1, token).expect(200)
                .get("first_message_index")).intValue());

        matrix.put(keys + "?version=" + v1, token, Map.of("rooms", Map.of("!other:x",
                Map.of("sessions", Map.of("sess2", keyData(0, false)))))).expect(200);
        Map<?, ?> rooms = (Map<?, ?>) matrix.get(keys + "?version=" + v1, token).expect(200).get("rooms");
        assertEquals(2, rooms.size());
        assertEquals(Map.of("sessions", Map.of()), matrix.get(keys + "/!nothing:x?version=" + v1, token).expect(200).json());
        matrix.get(keys + "/!room:x/nosuch?version=" + v1, token).expectError(404, "M_NOT_FOUND");

        // A newer version makes the old one refuse keys.
        String v2 = matrix.post("/_matrix/client/v3/room_keys/version", token,
                Map.of("algorithm", ALGORITHM, "auth_data", Map.of("public_key", "def"))).expect(200).str("version");
        Resp wrong = matrix.put(keys + "/!room:x/sess3?version=" + v1, token, keyData(0, false))
                .expectError(403, "M_WRONG_ROOM_KEYS_VERSION");
        assertEquals(v2, wrong.str("current_version"));

        matrix.delete(keys + "/!room:x?version=" + v1, token, null).expect(200);
        assertEquals(1, ((Number) matrix.get("/_matrix/client/v3/room_keys/version/" + v1, token).expect(200).get("count")).intValue());
        matrix.put("/_matrix/client/v3/room_keys/version/" + v2, token,
                Map.of("algorithm", ALGORITHM, "auth_data", Map.of("public_key", "ghi"))).expect(200);
        matrix.put("/_matrix/client/v3/room_keys/version/" + v2, token,
                Map.of("algorithm", "other", "auth_data", Map.of())).expectError(400, "M_INVALID_PARAM");
        matrix.delete("/_matrix/client/v3/room_keys/version/" + v2, token, null).expect(200);
        assertEquals(v1, matrix.get("/_matrix/client/v3/room_keys/version", token).expect(200).str("version"));
        matrix.get(keys, token).expectError(400, "M_MISSING_PARAM");
        matrix.put(keys + "?version=" + v1, token, Map.of("rooms", Map.of("!r:x", Map.of()))).expectError(400, "M_BAD_JSON");
    }
}
