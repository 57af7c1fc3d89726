package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Send-to-device: delivered once to the addressed devices, idempotent per txnId, waking a waiting sync. */
class ToDeviceIT extends SyncSupport {

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> toDevice(Resp sync) {
        return (List<Map<String, Object>>) ((Map<String, Object>) sync.get("to_device")).get("events");
    }

    @Test
    void messagesReachTheDeviceOnceAndWakeItsSync() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("tda");
        MatrixClient.Session bob = matrix.registerUnique("tdb");
        String since = sync(bob.accessToken(), null, null).expect(200).str("next_batch");
        CompletableFuture<Resp> waiting = waitingSync(bob.accessToken(), since, 25_000);

        Map<String, Object> body = Map.of("messages", Map.of(bob.userId(), Map.of(bob.deviceId(), Map.of("n", 1))));
        matrix.put("/_matrix/client/v3/sendToDevice/org.example.ping/t1", alice.accessToken(), body).expect(200);
        matrix.put("/_matrix/client/v3/sendToDevice/org.example.ping/t1", alice.accessToken(), body).expect(200);

        Resp woke = waiting.get(20, TimeUnit.SECONDS).expect(200);
        List<Map<String, Object>> messages = toDevice(woke);
        assertEquals(1, messages.size(), "a retried txnId sends nothing: " + messages);
        assertEquals("org.example.ping", messages.get(0).get("type"));
        assertEquals(alice.userId(), messages.get(0).get("sender"));
        assertTrue(toDevice(sync(bob.accessToken(), woke.str("next_batch"), null).expect(200)).isEmpty(),
                "gone once the device synced past it");

        // "*" addresses every device of the user.
        String otherDevice = matrix.login(bob.userId(), bob.password(), Map.of()).expect(200).str("access_token");
        String otherSince = sync(otherDevice, null, null).expect(200).str("next_batch");
        matrix.put("/_matrix/client/v3/sendToDevice/org.example.ping/t2", alice.accessToken(),
                Map.of("messages", Map.of(bob.userId(), Map.of("*", Map.of("n", 2))))).expect(200);
        assertEquals(1, toDevice(sync(otherDevice, otherSince, null).expect(200)).size());
    }

    @Test
    void badMessagesAreRefused() {
        MatrixClient.Session alice = matrix.registerUnique("tdbad");
        matrix.put("/_matrix/client/v3/sendToDevice/x/t1", alice.accessToken(), Map.of()).expectError(400, "M_MISSING_PARAM");
        matrix.put("/_matrix/client/v3/sendToDevice/x/t2", alice.accessToken(), Map.of("messages", Map.of("@u:x", 5)))
                .expectError(400, "M_BAD_JSON");
        matrix.put("/_matrix/client/v3/sendToDevice/x/t3", null, Map.of("messages", Map.of())).expectError(401, "M_MISSING_TOKEN");
    }
}
