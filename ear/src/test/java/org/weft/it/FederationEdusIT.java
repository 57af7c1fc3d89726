package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * EDUs from another server and the device and key queries other servers make (server-server API,
 * "EDUs", "Send-to-device messaging", "Device Management", "End-to-End Encryption"), the other
 * server played by a {@link FakeHomeserver}. Bad EDUs are dropped each on its own: the rest of
 * their transaction is received.
 */
class FederationEdusIT extends WeftIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private FakeHomeserver remote;
    private String weftName;
    private MatrixClient.Session alice;
    private String bob;

    @BeforeEach
    void start() throws Exception {
        // Weft fetches the fake server's keys from its self-signed TLS port.
        ServerSettings.set("weft.federation.verify_tls", "false");
        remote = new FakeHomeserver();
        weftName = (String) matrix.get("/_matrix/key/v2/server", null).expect(200).json().get("server_name");
        alice = matrix.registerUnique("edus");
        bob = "@bob:" + remote.serverName();
    }

    @AfterEach
    void stop() throws Exception {
        remote.close();
        ServerSettings.set("weft.federation.verify_tls", "true");
    }

    @Test
    void badEdusAreDroppedEachOnItsOwnAndTheRestIsReceived() {
        String since = matrix.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).expect(200).str("next_batch");
        List<Object> edus = new ArrayList<>();
        edus.add(Map.of("edu_type", "org.example.unknown", "content", Map.of("x", 1)));
        edus.add("not an object");
        edus.add(Map.of("edu_type", "m.typing"));
        edus.add(toDevice("@mallory:elsewhere.example", "m1", "forged"));
        edus.add(toDevice(bob, "m2", "x".repeat(70_000)));
        edus.add(toDevice(bob, "m3", "genuine"));
        Map<?, ?> answer = transaction("edus-1", edus, 200);
        assertEquals(Map.of(), answer.get("pdus"), "a transaction of EDUs alone is taken");

        String received = awaitToDevice(since, "genuine");
        assertTrue(received.contains(bob), "from bob: " + received);
        assertTrue(!received.contains("forged") && !received.contains("xxxx"),
                "the forged and the oversized message were dropped: " + received);
    }

    @Test
    void aToDeviceMessageSentAgainInAnotherTransactionIsDeliveredOnce() {
        String since = matrix.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).expect(200).str("next_batch");
        transaction("again-1", List.of(toDevice(bob, "same-id", "once")), 200);
        transaction("again-2", List.of(toDevice(bob, "same-id", "once"), toDevice(bob, "next-id", "after")), 200);
        String received = awaitToDevice(since, "after");
        assertEquals(1, received.split("once", -1).length - 1, "delivered once: " + received);
    }

    @Test
    void otherServersGetTheDevicesAndKeysOfLocalUsers() {
        String device = alice.deviceId();
        Map<String, Object> keys = Map.of("user_id", alice.userId(), "device_id", device,
                "algorithms", List.of("m.olm.v1.curve25519-aes-sha2"),
                "keys", Map.of("curve25519:" + device, "c", "ed25519:" + device, "e"),
                "signatures", Map.of(alice.userId(), Map.of("ed25519:" + device, "sig")));
        matrix.post("/_matrix/client/v3/keys/upload", alice.accessToken(), Map.of("device_keys", keys,
                "one_time_keys", Map.of("signed_curve25519:AAAA", Map.of("key", "k1")))).expect(200);

        Map<?, ?> devices = signedRequest("GET", "/_matrix/federation/v1/user/devices/" + alice.userId(), null, 200);
        assertEquals(alice.userId(), devices.get("user_id"));
        assertTrue(((Number) devices.get("stream_id")).longValue() > 0, "the list has a version");
        assertEquals(device, ((Map<?, ?>) ((List<?>) devices.get("devices")).get(0)).get("device_id"));

        Map<?, ?> query = signedRequest("POST", "/_matrix/federation/v1/user/keys/query",
                Map.of("device_keys", Map.of(alice.userId(), List.of(), "@someone:elsewhere.example", List.of())), 200);
        Map<?, ?> byUser = (Map<?, ?>) query.get("device_keys");
        assertEquals(List.of(alice.userId()), List.copyOf(byUser.keySet()), "only local users are answered");
        assertEquals("c", ((Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) byUser.get(alice.userId())).get(device)).get("keys"))
                .get("curve25519:" + device));

        Map<?, ?> claim = signedRequest("POST", "/_matrix/federation/v1/user/keys/claim",
                Map.of("one_time_keys", Map.of(alice.userId(), Map.of(device, "signed_curve25519"))), 200);
        assertEquals(Map.of(alice.userId(), Map.of(device, Map.of("signed_curve25519:AAAA", Map.of("key", "k1")))),
                claim.get("one_time_keys"));

        Map<?, ?> refused = signedRequest("GET", "/_matrix/federation/v1/user/devices/" + bob, null, 400);
        assertEquals("M_INVALID_PARAM", refused.get("errcode"), "a user of another server is not ours to describe");
    }

    private Map<String, Object> toDevice(String sender, String messageId, String secret) {
        return Map.of("edu_type", "m.direct_to_device", "content", Map.of("sender", sender, "type", "m.weft.test",
                "message_id", messageId, "messages", Map.of(alice.userId(), Map.of("*", Map.of("secret", secret)))));
    }

    /** The to-device events alice's syncs from {@code since} bring, until one holds {@code marker}. */
    private String awaitToDevice(String since, String marker) {
        StringBuilder seen = new StringBuilder();
        String from = since;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!seen.toString().contains(marker) && System.nanoTime() < deadline) {
            Resp sync = matrix.get("/_matrix/client/v3/sync?timeout=1000&since=" + from, alice.accessToken()).expect(200);
            from = sync.str("next_batch");
            if (sync.get("to_device") instanceof Map<?, ?> toDevice) {
                seen.append(toDevice.get("events"));
            }
        }
        assertTrue(seen.toString().contains(marker), marker + " arrived: " + seen);
        return seen.toString();
    }

    private Map<?, ?> transaction(String txnId, List<Object> edus, int status) {
        return signedRequest("PUT", "/_matrix/federation/v1/send/" + MatrixClient.uniqueName(txnId), Map.of("origin",
                remote.serverName(), "origin_server_ts", System.currentTimeMillis(), "pdus", List.of(), "edus", edus), status);
    }

    private Map<?, ?> signedRequest(String method, String target, Object body, int status) {
        return remote.signedRequest(matrix, weftName, method, target, body, status);
    }
}
