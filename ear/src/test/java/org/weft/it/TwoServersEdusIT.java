package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ephemeral data across two real Weft servers (server-server API, "EDUs"; {@link TwoServers}):
 * typing and read receipts reach a waiting /sync on the other server within a second, presence goes
 * both ways, a to-device message arrives once, and a device added on one server shows in the
 * other's device list tracking ({@code device_lists.changed}, {@code /keys/query}).
 */
@ExtendWith(TwoServers.class)
class TwoServersEdusIT {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static MatrixClient a;
    private static MatrixClient b;

    private MatrixClient.Session alice;
    private MatrixClient.Session bob;
    private String roomId;

    @BeforeAll
    static void clients() {
        a = new MatrixClient(TwoServers.a().clientUrl());
        b = new MatrixClient(TwoServers.b().clientUrl());
    }

    /** Alice of A and bob of B in a room on A. */
    @BeforeEach
    void shareARoom() {
        alice = a.registerUnique("alice");
        bob = b.registerUnique("bob");
        roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        b.post("/_matrix/client/v3/join/" + roomId + "?server_name=" + encode(TwoServers.a().serverName()),
                bob.accessToken(), Map.of()).expect(200);
        awaitSync(a, alice, null, sync -> members(sync).contains(bob.userId()), "A sees bob joined");
    }

    @Test
    void typingAndReceiptsReachAWaitingSyncOnTheOtherServerWithinASecond() {
        String since = sinceNow(b, bob);
        long started = System.nanoTime();
        a.put("/_matrix/client/v3/rooms/" + roomId + "/typing/" + encode(alice.userId()), alice.accessToken(),
                Map.of("typing", true, "timeout", 20000)).expect(200);
        awaitSync(b, bob, since, sync -> ephemeral(sync, "m.typing").toString().contains(alice.userId()), "bob sees alice typing");
        assertWithinASecond(started, "typing");

        String eventId = a.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                alice.accessToken(), Map.of("msgtype", "m.text", "body", "read me")).expect(200).str("event_id");
        awaitSync(b, bob, null, sync -> timeline(sync).contains(eventId), "bob has the message");
        since = sinceNow(a, alice);
        started = System.nanoTime();
        b.post("/_matrix/client/v3/rooms/" + roomId + "/receipt/m.read/" + encode(eventId), bob.accessToken(), Map.of())
                .expect(200);
        awaitSync(a, alice, since, sync -> ephemeral(sync, "m.receipt").toString().contains(bob.userId()),
                "alice sees bob's receipt");
        assertWithinASecond(started, "the receipt");

        since = sinceNow(b, bob);
        a.put("/_matrix/client/v3/rooms/" + roomId + "/typing/" + encode(alice.userId()), alice.accessToken(),
                Map.of("typing", false)).expect(200);
        awaitSync(b, bob, since, sync -> ephemeral(sync, "m.typing").toString().contains("user_ids=[]"),
                "bob sees alice stop typing");
    }

    @Test
    void presenceGoesBothWays() {
        String since = sinceNow(b, bob);
        a.put("/_matrix/client/v3/presence/" + encode(alice.userId()) + "/status", alice.accessToken(),
                Map.of("presence", "unavailable", "status_msg", "in a meeting")).expect(200);
        awaitSync(b, bob, since, sync -> presence(sync).contains("in a meeting"), "bob sees alice's presence");
        assertEquals("unavailable", b.get("/_matrix/client/v3/presence/" + encode(alice.userId()) + "/status",
                bob.accessToken()).expect(200).str("presence"));

        since = sinceNow(a, alice);
        b.put("/_matrix/client/v3/presence/" + encode(bob.userId()) + "/status", bob.accessToken(),
                Map.of("presence", "online", "status_msg", "at my desk")).expect(200);
        awaitSync(a, alice, since, sync -> presence(sync).contains("at my desk"), "alice sees bob's presence");
    }

    @Test
    void aToDeviceMessageAcrossServersArrivesOnce() {
        String since = sinceNow(b, bob);
        String txnId = MatrixClient.uniqueName("td");
        Map<String, Object> body = Map.of("messages", Map.of(bob.userId(), Map.of(bob.deviceId(), Map.of("secret", "s1"))));
        a.put("/_matrix/client/v3/sendToDevice/m.weft.test/" + txnId, alice.accessToken(), body).expect(200);
        a.put("/_matrix/client/v3/sendToDevice/m.weft.test/" + txnId, alice.accessToken(), body).expect(200);
        a.put("/_matrix/client/v3/sendToDevice/m.weft.test/" + MatrixClient.uniqueName("td"), alice.accessToken(),
                Map.of("messages", Map.of(bob.userId(), Map.of("*", Map.of("secret", "last"))))).expect(200);
        StringBuilder seen = new StringBuilder();
        String from = since;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!seen.toString().contains("last") && System.nanoTime() < deadline) {
            Resp sync = b.get("/_matrix/client/v3/sync?timeout=1000&since=" + from, bob.accessToken()).expect(200);
            from = sync.str("next_batch");
            Object toDevice = sync.get("to_device");
            if (toDevice instanceof Map<?, ?> map) {
                seen.append(map.get("events"));
            }
        }
        assertTrue(seen.toString().contains("last"), "the later message arrived: " + seen);
        assertEquals(1, seen.toString().split("secret=s1", -1).length - 1, "the first arrived exactly once: " + seen);
        assertTrue(seen.toString().contains(alice.userId()), "from alice");
    }

    @Test
    void aDeviceAddedOnAShowsInBsDeviceListTracking() {
        uploadKeys(a, alice, alice.deviceId());
        assertTrue(deviceIdsOf(b, bob, alice.userId()).contains(alice.deviceId()), "bob's server fetched alice's devices");

        String since = sinceNow(b, bob);
        Resp login = a.login(alice.userId(), alice.password(), Map.of()).expect(200);
        MatrixClient.Session phone = new MatrixClient.Session(alice.userId(), login.str("access_token"),
                login.str("device_id"), alice.password());
        uploadKeys(a, phone, phone.deviceId());
        awaitSync(b, bob, since, sync -> String.valueOf(sync.get("device_lists")).contains(alice.userId()),
                "bob's sync lists alice's device list as changed");
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!deviceIdsOf(b, bob, alice.userId()).contains(phone.deviceId()) && System.nanoTime() < deadline) {
            pause();
        }
        assertEquals(List.of(alice.deviceId(), phone.deviceId()).stream().sorted().toList(),
                deviceIdsOf(b, bob, alice.userId()).stream().sorted().toList(), "bob's /keys/query has both devices");

        a.put("/_matrix/client/v3/devices/" + phone.deviceId(), phone.accessToken(), Map.of("display_name", "Alice's phone"))
                .expect(200);
        deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!keysOf(b, bob, alice.userId()).contains("Alice's phone") && System.nanoTime() < deadline) {
            pause();
        }
        assertTrue(keysOf(b, bob, alice.userId()).contains("device_display_name=Alice's phone"), "B shows the new name");

        since = sinceNow(b, bob);
        Map<String, Object> deletion = new java.util.HashMap<>(Map.of("devices", List.of(phone.deviceId())));
        Resp challenge = a.post("/_matrix/client/v3/delete_devices", alice.accessToken(), deletion).expect(401);
        deletion.put("auth", MatrixClient.passwordAuth(challenge.str("session"), alice.userId(), alice.password()));
        a.post("/_matrix/client/v3/delete_devices", alice.accessToken(), deletion).expect(200);
        awaitSync(b, bob, since, sync -> String.valueOf(sync.get("device_lists")).contains(alice.userId()),
                "the deleted device changes alice's list again");
        deadline = System.nanoTime() + DEADLINE.toNanos();
        while (deviceIdsOf(b, bob, alice.userId()).contains(phone.deviceId()) && System.nanoTime() < deadline) {
            pause();
        }
        assertEquals(List.of(alice.deviceId()), deviceIdsOf(b, bob, alice.userId()), "the deleted device is gone on B");
    }

    /**
     * matrix-js-sdk with its own crypto on each server (src/test/js/e2ee-two-servers.mjs): alice's
     * client on A encrypts to bob's device on B, bob's client decrypts.
     */
    @Test
    void twoMatrixJsSdkClientsOnDifferentServersExchangeAnEncryptedMessage() throws Exception {
        java.io.File dir = new java.io.File("target/js-client");
        java.io.File log = new java.io.File(dir, "e2ee-two-servers.log");
        Process node = new ProcessBuilder("node", "e2ee-two-servers.mjs", TwoServers.a().clientUrl(),
                TwoServers.b().clientUrl(), TwoServers.a().serverName()).directory(dir)
                .redirectErrorStream(true).redirectOutput(log).start();
        boolean ended = node.waitFor(180, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(log.toPath());
        String tail = output.length() <= 4000 ? output : output.substring(output.length() - 4000);
        assertTrue(ended, "the js-sdk script did not finish: " + tail);
        assertEquals(0, node.exitValue(), () -> "js-sdk script failed:\n" + tail);
        assertTrue(output.contains("bob read: secret across servers") && output.contains("\nOK"), tail);
    }

    private static void uploadKeys(MatrixClient server, MatrixClient.Session session, String deviceId) {
        Map<String, Object> keys = Map.of("user_id", session.userId(), "device_id", deviceId,
                "algorithms", List.of("m.olm.v1.curve25519-aes-sha2", "m.megolm.v1.aes-sha2"),
                "keys", Map.of("curve25519:" + deviceId, "c" + deviceId, "ed25519:" + deviceId, "e" + deviceId),
                "signatures", Map.of(session.userId(), Map.of("ed25519:" + deviceId, "sig")));
        server.post("/_matrix/client/v3/keys/upload", session.accessToken(), Map.of("device_keys", keys)).expect(200);
    }

    private static List<String> deviceIdsOf(MatrixClient server, MatrixClient.Session asker, String userId) {
        Resp answer = server.post("/_matrix/client/v3/keys/query", asker.accessToken(),
                Map.of("device_keys", Map.of(userId, List.of()))).expect(200);
        assertEquals(Map.of(), answer.get("failures"), "no server failed");
        Map<?, ?> devices = (Map<?, ?>) ((Map<?, ?>) answer.get("device_keys")).get(userId);
        return devices == null ? List.of() : devices.keySet().stream().map(String::valueOf).toList();
    }

    private static String keysOf(MatrixClient server, MatrixClient.Session asker, String userId) {
        return String.valueOf(server.post("/_matrix/client/v3/keys/query", asker.accessToken(),
                Map.of("device_keys", Map.of(userId, List.of()))).expect(200).get("device_keys"));
    }

    private static void assertWithinASecond(long startedNanos, String what) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        assertTrue(millis < 1000, what + " took " + millis + " ms to reach the other server's /sync");
    }

    private static String sinceNow(MatrixClient server, MatrixClient.Session user) {
        return server.get("/_matrix/client/v3/sync?timeout=0", user.accessToken()).expect(200).str("next_batch");
    }

    /** Long-polls the user's /sync from {@code since} (null: a full sync each time) until {@code done}. */
    private static void awaitSync(MatrixClient server, MatrixClient.Session user, String since, Predicate<Resp> done,
                                  String what) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        String from = since;
        while (System.nanoTime() < deadline) {
            Resp sync = server.get("/_matrix/client/v3/sync?timeout=" + (from == null ? 0 : 1000)
                    + (from == null ? "" : "&since=" + from), user.accessToken()).expect(200);
            if (done.test(sync)) {
                return;
            }
            if (from == null) {
                pause();
            } else {
                from = sync.str("next_batch");
            }
        }
        throw new AssertionError(what + ": not within " + DEADLINE);
    }

    private Map<?, ?> joined(Resp sync) {
        if (sync.get("rooms") instanceof Map<?, ?> rooms && rooms.get("join") instanceof Map<?, ?> join
                && join.get(roomId) instanceof Map<?, ?> room) {
            return room;
        }
        return Map.of();
    }

    private String members(Resp sync) {
        return String.valueOf(joined(sync).get("state")) + joined(sync).get("timeline");
    }

    private String timeline(Resp sync) {
        return String.valueOf(joined(sync).get("timeline"));
    }

    private List<Object> ephemeral(Resp sync, String type) {
        if (joined(sync).get("ephemeral") instanceof Map<?, ?> ephemeral && ephemeral.get("events") instanceof List<?> events) {
            return events.stream().filter(e -> e instanceof Map<?, ?> event && type.equals(event.get("type")))
                    .map(e -> (Object) e).toList();
        }
        return List.of();
    }

    private static String presence(Resp sync) {
        return String.valueOf(sync.get("presence"));
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
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
