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
        // Keys other clients could not use: refused, not stored.
        Map<String, Object> mistyped = new java.util.HashMap<>(deviceKeys(alice));
        mistyped.put("keys", List.of("curveKey"));
        matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of("device_keys", mistyped))
                .expectError(400, "M_BAD_JSON");
        assertEquals(Map.of(), ((Map<?, ?>) matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(),
                Map.of("device_keys", Map.of(alice.userId(), List.of()))).expect(200).get("device_keys")).get(alice.userId()));
        matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(), Map.of("device_keys", Map.of(alice.userId(), "x")))
                .expectError(400, "M_BAD_JSON");
        matrix.post("/_matrix/client/v3/keys/claim", alice.accessToken(), Map.of("one_time_keys", Map.of(alice.userId(), 3)))
                .expectError(400, "M_BAD_JSON");
        matrix.get("/_matrix/client/v3/keys/changes?from=s1_1", alice.accessToken()).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/keys/upload", null, Map.of()).expectError(401, "M_MISSING_TOKEN");
    }

    private static Map<String, Object> crossKey(MatrixClient.Session s, String usage, String publicKey) {
        return Map.of("user_id", s.userId(), "usage", List.of(usage), "keys", Map.of("ed25519:" + publicKey, publicKey));
    }

    @Test
    void crossSigningKeysAndSignatures() {
        MatrixClient.Session alice = matrix.registerUnique("xsa");
        MatrixClient.Session bob = matrix.registerUnique("xsb");
        matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of("device_keys", deviceKeys(alice))).expect(200);
        Map<String, Object> keys = Map.of("master_key", crossKey(alice, "master", "MASTERPUB"),
                "self_signing_key", crossKey(alice, "self_signing", "SELFPUB"),
                "user_signing_key", crossKey(alice, "user_signing", "USERPUB"));
        matrix.post("/_matrix/client/v3/keys/device_signing/upload", alice.accessToken(), keys).expect(200);

        Map<String, Object> ask = Map.of("device_keys", Map.of(alice.userId(), List.of()));
        Resp own = matrix.post("/_matrix/client/v3/keys/query", alice.accessToken(), ask).expect(200);
        assertTrue(((Map<?, ?>) own.get("user_signing_keys")).containsKey(alice.userId()));
        Resp other = matrix.post("/_matrix/client/v3/keys/query", bob.accessToken(), ask).expect(200);
        assertTrue(((Map<?, ?>) other.get("master_keys")).containsKey(alice.userId()));
        assertTrue(((Map<?, ?>) other.get("self_signing_keys")).containsKey(alice.userId()));
        assertTrue(((Map<?, ?>) other.get("user_signing_keys")).isEmpty(), "user-signing keys only for their owner");

        // Replacing keys needs the password again.
        Resp challenge = matrix.post("/_matrix/client/v3/keys/device_signing/upload", alice.accessToken(), keys).expect(401);
        Map<String, Object> withAuth = new java.util.HashMap<>(keys);
        withAuth.put("auth", MatrixClient.passwordAuth(challenge.str("session"), alice.userId(), alice.password()));
        matrix.post("/_matrix/client/v3/keys/device_signing/upload", alice.accessToken(), withAuth).expect(200);

        // The self-signing key signs the device; the signature appears in queries.
        Map<String, Object> signedDevice = new java.util.HashMap<>(deviceKeys(alice));
        signedDevice.put("signatures", Map.of(alice.userId(), Map.of("ed25519:SELFPUB", "selfsig")));
        Resp sigs = matrix.post("/_matrix/client/v3/keys/signatures/upload", alice.accessToken(), Map.of(alice.userId(),
                Map.of(alice.deviceId(), signedDevice, "NOSUCHKEY", signedDevice))).expect(200);
        assertTrue(((Map<?, ?>) ((Map<?, ?>) sigs.get("failures")).get(alice.userId())).containsKey("NOSUCHKEY"));
        Resp after = matrix.post("/_matrix/client/v3/keys/query", bob.accessToken(), ask).expect(200);
        Map<?, ?> device = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) after.get("device_keys")).get(alice.userId())).get(alice.deviceId());
        Map<?, ?> signatures = (Map<?, ?>) ((Map<?, ?>) device.get("signatures")).get(alice.userId());
        assertEquals("selfsig", signatures.get("ed25519:SELFPUB"));
        assertEquals("sig", signatures.get("ed25519:" + alice.deviceId()), "earlier signatures are kept");

        matrix.post("/_matrix/client/v3/keys/device_signing/upload", bob.accessToken(),
                Map.of("master_key", crossKey(alice, "master", "X"))).expectError(400, "M_INVALID_PARAM");
    }
}
