package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users, devices, tokens, rooms, events and the signing key survive a server restart: the server is reloaded (every service,
 * the datasource and Weft stopped and started again on the same data folder) and the token
 * issued before still works.
 */
class RestartIT extends WeftIT {

    @Test
    void aLoginStaysValidAcrossAReload() throws Exception {
        MatrixClient.Session alice = matrix.registerUnique("restart");
        matrix.put("/_matrix/client/v3/devices/" + alice.deviceId(), alice.accessToken(),
                Map.of("display_name", "Survivor")).expect(200);

        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("name", "Durable"))
                .expect(200).str("room_id");
        String eventId = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/before-restart",
                alice.accessToken(), Map.of("msgtype", "m.text", "body", "still here")).expect(200).str("event_id");

        // The server's signing key is its identity: it must be the same after the restart.
        java.nio.file.Path keyFile = java.nio.file.Path.of(System.getProperty("weft.it.data.dir"), "signing.key");
        String keyBefore = java.nio.file.Files.readString(keyFile);

        ServerSettings.reload();

        Resp whoami = pollUntilOk("/_matrix/client/v3/account/whoami", alice.accessToken());
        assertEquals(alice.userId(), whoami.str("user_id"));
        Resp device = matrix.get("/_matrix/client/v3/devices/" + alice.deviceId(), alice.accessToken()).expect(200);
        assertEquals("Survivor", device.str("display_name"));
        matrix.login(alice.userId(), alice.password(), Map.of()).expect(200);
        assertEquals(keyBefore, java.nio.file.Files.readString(keyFile));
        Resp message = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/event/" + eventId, alice.accessToken()).expect(200);
        assertEquals("still here", ((Map<?, ?>) message.get("content")).get("body"));
        // The room keeps working: the next event continues the same graph and stream.
        String after = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/after-restart",
                alice.accessToken(), Map.of("msgtype", "m.text", "body", "and more")).expect(200).str("event_id");
        Resp page = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=2", alice.accessToken()).expect(200);
        assertEquals(after, ((Map<?, ?>) page.list("chunk").get(0)).get("event_id"));
        assertEquals(eventId, ((Map<?, ?>) page.list("chunk").get(1)).get("event_id"));
    }

    private Resp pollUntilOk(String path, String token) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        Resp last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = matrix.get(path, token);
                if (last.status() == 200) {
                    return last;
                }
            } catch (IllegalStateException connectionRefusedWhileReloading) {
                last = null;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server did not serve " + path + " again within 120 s; last: " + last);
    }
}
