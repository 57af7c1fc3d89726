package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Key management: upload, query, claim (one-time, then fallback), counts and device list changes in /sync. */
class KeysIT extends SyncSupport {

    private static Map<String, Object> deviceKeys(MatrixClient.Session s) {
        return Map.of("user_id", s.userId(), "device_id", s.deviceId(),
                "algorithms", List.of("m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"),
                "keys", Map.of("curve25519:" + s.deviceId(), "curveKey", "ed25519:" + s.deviceId(), "edKey"),
                "signatures", Map.of(s.userId(), Map.of("ed25519:" + s.deviceId(), "sig")));
    }

    @Test
    void keysAreUploadedQueriedAndClaimed() {
        MatrixClient.Session alice = matrix.registerUnique("keya");
        MatrixClient.Session bob = matrix.registerUnique("keyb");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        String bobSince = sync(bob.accessToken(), null, null).expect(200).str("next_batch");

        Resp uploaded = matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of(
                "device_keys", deviceKeys(alice),
                "one_time_keys", Map.of("signed_curve25519:AAAA", Map.of("key", "k1"), "signed_curve25519:AAAB", Map.of("key", "k2")),
                "fallback_keys", Map.of("signed_curve25519:FFFF", Map.of("key", "fb", "fallback", true)))).expect(200);
        assertEquals(Map.of("signed_curve25519", 2L), ((Map<?, ?>) uploaded.get("one_time_key_counts")).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(), e -> ((Number) e.getValue()).longValue())));

        Resp bobSync = sync(bob.accessToken(), bobSince, null).expect(200);
        assertTrue(((List<?>) ((Map<?, ?>) bobSync.get("device_lists")).get("changed")).contains(alice.userId()),
                "a room mate's new device keys show in device_lists.changed");
        Resp changes = matrix.get("/_matrix/client/v3/keys/changes?from=" + bobSince + "&to=" + bobSync.str("next_batch"),
                bob.accessToken()).expect(200);
        assertTrue(((List<?>) changes.get("changed")).contains(alice.userId()));

        Resp query = matrix.post("/_matrix/client/v3/keys/query", bob.accessToken(),
                Map.of("device_keys", Map.of(alice.userId(), List.of()))).expect(200);
        Map<?, ?> aliceDevices = (Map<?, ?>) ((Map<?, ?>) query.get("device_keys")).get(alice.userId());
        assertEquals("curveKey", ((Map<?, ?>) ((Map<?, ?>) aliceDevices.get(alice.deviceId())).get("keys"))
                .get("curve25519:" + alice.deviceId()));

        Map<String, Object> claimBody = Map.of("one_time_keys", Map.of(alice.userId(), Map.of(alice.deviceId(), "signed_curve25519")));
        List<String> claimed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Map<?, ?> keys = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) matrix.post("/_matrix/client/v3/keys/claim",
                    bob.accessToken(), claimBody).expect(200).get("one_time_keys")).get(alice.userId())).get(alice.deviceId());
            claimed.add((String) keys.keySet().iterator().next());
        }
        assertEquals(List.of("signed_curve25519:AAAA", "signed_curve25519:AAAB", "signed_curve25519:FFFF"), claimed,
                "two one-time keys, then the fallback key");

        Resp aliceSync = sync(alice.accessToken(), null, null).expect(200);
        assertEquals(Map.of(), aliceSync.get("device_one_time_keys_count"));
        assertEquals(List.of(), aliceSync.get("device_unused_fallback_key_types"), "the fallback key was used");
    }

    @Test
    void badKeyRequestsAreRefused() {
        MatrixClient.Session alice = matrix.registerUnique("keybad");
        Map<String, Object> wrongDevice = new java.util.HashMap<>(deviceKeys(alice));
        wrongDevice.put("device_id", "SOMEONEELSE");
        matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of("device_keys", wrongDevice))
                .expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(), Map.of("device_keys", Map.of(alice.userId(), "x")))
                .expectError(400, "M_BAD_JSON");
        matrix.post("/_matrix/client/v3/keys/claim", alice.accessToken(), Map.of("one_time_keys", Map.of(alice.userId(), 3)))
                .expectError(400, "M_BAD_JSON");
        matrix.get("/_matrix/client/v3/keys/changes?from=s1_1", alice.accessToken()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/keys/upload", null, Map.of()).expectError(401, "M_MISSING_TOKEN");
    }
}
