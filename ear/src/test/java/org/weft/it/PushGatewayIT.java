package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.weft.core.json.Json;

/**
 * Pushers and delivery (client-server API "Push Notifications", push gateway API): a real HTTPS
 * push gateway runs inside the test ({@link FakeHomeserver} serving /_matrix/push/v1/notify) and
 * checks what Weft posts, a retry after a 500, and the removal of a rejected pushkey.
 */
class PushGatewayIT extends SyncSupport {

    private static final String NOTIFY = "/_matrix/push/v1/notify";

    private FakeHomeserver gateway;
    private final List<Map<String, Object>> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile List<String> rejectNext = List.of();

    @BeforeEach
    void startGateway() throws Exception {
        ServerSettings.set("weft.push.verify_tls", "false"); // the gateway's certificate is self-signed
        ServerSettings.set("weft.push.retry_initial_ms", "300");
        gateway = new FakeHomeserver();
        gateway.route(NOTIFY, exchange -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> body = (Map<String, Object>) Json.parse(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            received.add((Map<String, Object>) body.get("notification"));
            if (failuresLeft.getAndDecrement() > 0) {
                FakeHomeserver.json(exchange, 500, Map.of("error", "gateway hiccup"));
                return;
            }
            FakeHomeserver.json(exchange, 200, Map.of("rejected", rejectNext));
        });
    }

    @AfterEach
    void stopGateway() throws Exception {
        gateway.close();
        ServerSettings.set("weft.push.verify_tls", "true");
        ServerSettings.set("weft.push.retry_initial_ms", "1000");
    }

    private String url() {
        return "https://" + gateway.serverName() + NOTIFY;
    }

    private Map<String, Object> pusher(String pushkey, Map<String, Object> data) {
        return Map.of("pushkey", pushkey, "kind", "http", "app_id", "org.weft.test", "app_display_name", "Weft test",
                "device_display_name", "Phone", "lang", "en", "data", data);
    }

    @Test
    @SuppressWarnings("unchecked")
    void notificationsReachTheGatewayAreRetriedAndRejectedPushkeysGo() {
        MatrixClient.Session alice = matrix.registerUnique("gwa");
        MatrixClient.Session bob = matrix.registerUnique("gwb");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat", "name", "Gateway room"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/pushers/set", bob.accessToken(),
                pusher("bobs-phone", Map.of("url", url(), "extra", "kept"))).expect(200);
        List<Object> listed = matrix.get("/_matrix/client/v3/pushers", bob.accessToken()).expect(200).list("pushers");
        assertEquals(1, listed.size());
        assertEquals("bobs-phone", ((Map<?, ?>) listed.get(0)).get("pushkey"));

        String hello = send(alice.accessToken(), roomId, "hello bob");
        Map<String, Object> n = await(() -> find(hello));
        assertEquals(roomId, n.get("room_id"));
        assertEquals("m.room.message", n.get("type"));
        assertEquals(alice.userId(), n.get("sender"));
        assertEquals("hello bob", ((Map<?, ?>) n.get("content")).get("body"));
        assertEquals("Gateway room", n.get("room_name"));
        assertEquals(1, ((Number) ((Map<?, ?>) n.get("counts")).get("unread")).intValue());
        Map<String, Object> device = ((List<Map<String, Object>>) n.get("devices")).get(0);
        assertEquals("bobs-phone", device.get("pushkey"));
        assertEquals("org.weft.test", device.get("app_id"));
        assertEquals(Map.of("extra", "kept"), device.get("data"), "data goes without its url");
        // Two members: .m.rule.room_one_to_one, which rings (sound tweak), so the push is urgent.
        assertEquals(Map.of("sound", "default"), device.get("tweaks"));
        assertEquals("high", n.get("prio"));

        // A 500 is retried (backoff from weft.push.retry_initial_ms) until the gateway takes it.
        failuresLeft.set(1);
        String again = send(alice.accessToken(), roomId, "second");
        await(() -> received.stream().filter(r -> again.equals(r.get("event_id"))).count() >= 2 ? Map.of() : null);
        assertEquals(2, ((Number) ((Map<?, ?>) find(again).get("counts")).get("unread")).intValue());

        // The gateway rejects the pushkey: its pusher is removed.
        rejectNext = List.of("bobs-phone");
        String third = send(alice.accessToken(), roomId, "third");
        await(() -> find(third));
        await(() -> matrix.get("/_matrix/client/v3/pushers", bob.accessToken()).expect(200).list("pushers").isEmpty()
                ? Map.of() : null);
        rejectNext = List.of();
        int before = received.size();
        send(alice.accessToken(), roomId, "nobody hears this");
        send(bob.accessToken(), roomId, "sync point");
        assertEquals(before, received.size(), "a removed pusher gets nothing");
    }

    @Test
    void eventIdOnlySendsNoContentAndOwnMessagesNothing() {
        MatrixClient.Session alice = matrix.registerUnique("gwc");
        MatrixClient.Session bob = matrix.registerUnique("gwd");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/pushers/set", bob.accessToken(),
                pusher("terse", Map.of("url", url(), "format", "event_id_only"))).expect(200);
        send(bob.accessToken(), roomId, "my own words");
        String event = send(alice.accessToken(), roomId, "psst");
        Map<String, Object> n = await(() -> find(event));
        assertFalse(n.containsKey("content"));
        assertFalse(n.containsKey("sender"));
        assertTrue(n.containsKey("counts"));
        assertTrue(received.stream().noneMatch(r -> "my own words".equals(String.valueOf(r.get("content")))));

        // kind null removes the pusher.
        Map<String, Object> removal = new java.util.HashMap<>(pusher("terse", Map.of()));
        removal.put("kind", null);
        matrix.post("/_matrix/client/v3/pushers/set", bob.accessToken(), removal).expect(200);
        assertTrue(matrix.get("/_matrix/client/v3/pushers", bob.accessToken()).expect(200).list("pushers").isEmpty());
    }

    @Test
    void badPushersAreRefusedAndAppendDecidesWhoKeepsAPushkey() {
        MatrixClient.Session carol = matrix.registerUnique("gwe");
        MatrixClient.Session dave = matrix.registerUnique("gwf");
        String token = carol.accessToken();
        Map<String, Object> good = pusher("shared-key", Map.of("url", url()));
        Map<String, Object> noKey = new java.util.HashMap<>(good);
        noKey.remove("pushkey");
        matrix.post("/_matrix/client/v3/pushers/set", token, noKey).expectError(400, "M_MISSING_PARAM");
        matrix.post("/_matrix/client/v3/pushers/set", token, pusher("k", Map.of())).expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/pushers/set", token, pusher("k", Map.of("url", "http://gw.example" + NOTIFY)))
                .expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/pushers/set", token, pusher("k", Map.of("url", "https://gw.example/notify")))
                .expectError(400, "M_INVALID_PARAM");
        Map<String, Object> odd = new java.util.HashMap<>(good);
        odd.put("kind", "carrier-pigeon");
        matrix.post("/_matrix/client/v3/pushers/set", token, odd).expectError(400, "M_INVALID_PARAM");
        matrix.post("/_matrix/client/v3/pushers/set", token, pusher("x".repeat(513), Map.of("url", url())))
                .expectError(400, "M_INVALID_PARAM");
        assertTrue(matrix.get("/_matrix/client/v3/pushers", token).expect(200).list("pushers").isEmpty());

        matrix.post("/_matrix/client/v3/pushers/set", token, good).expect(200);
        Map<String, Object> appended = new java.util.HashMap<>(good);
        appended.put("append", true);
        matrix.post("/_matrix/client/v3/pushers/set", dave.accessToken(), appended).expect(200);
        assertEquals(1, matrix.get("/_matrix/client/v3/pushers", token).expect(200).list("pushers").size());
        matrix.post("/_matrix/client/v3/pushers/set", dave.accessToken(), good).expect(200);
        assertTrue(matrix.get("/_matrix/client/v3/pushers", token).expect(200).list("pushers").isEmpty(),
                "without append the pushkey moves to the last user who set it");
        matrix.get("/_matrix/client/v3/pushers", null).expectError(401, "M_MISSING_TOKEN");
    }

    @Test
    void aNotificationQueuedBeforeARestartIsDeliveredAfterIt() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("gwg");
        MatrixClient.Session bob = matrix.registerUnique("gwh");
        String roomId = createRoom(alice.accessToken(), Map.of("preset", "public_chat"));
        matrix.post("/_matrix/client/v3/rooms/" + roomId + "/join", bob.accessToken(), Map.of()).expect(200);
        matrix.post("/_matrix/client/v3/pushers/set", bob.accessToken(), pusher("survivor", Map.of("url", url())))
                .expect(200);
        // The gateway is down for now; the retry is due only after the restart.
        ServerSettings.set("weft.push.retry_initial_ms", "4000");
        failuresLeft.set(Integer.MAX_VALUE);
        String event = send(alice.accessToken(), roomId, "across the restart");
        await(() -> find(event));

        ServerSettings.reload();
        failuresLeft.set(0);
        await(() -> received.stream().filter(r -> event.equals(r.get("event_id"))).count() >= 2 ? Map.of() : null);
    }

    private Map<String, Object> find(String eventId) {
        List<Map<String, Object>> copy = new ArrayList<>(received);
        return copy.stream().filter(r -> eventId.equals(r.get("event_id"))).findFirst().orElse(null);
    }

    /** Polls until {@code probe} yields something; fails after 20 s. */
    private static <T> T await(Supplier<T> probe) {
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("the gateway never saw what the test waited for");
    }
}
