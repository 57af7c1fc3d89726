package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarts while Weft runs: requests during the outage are answered 503 M_UNKNOWN with
 * Retry-After (never a 500, never a stack trace, nothing half-written), and Weft serves again by
 * itself once the database is back. Only in the PostgreSQL run, which owns its database server
 * (src/postgres/local-postgres.sh, started by the build).
 */
class DatabaseOutageIT extends WeftIT {

    @Test
    void requestsDuringAnOutageAre503AndWeftRecoversByItself() throws Exception {
        Assumptions.assumeTrue(onPostgres(), "the H2 run has no database server to stop");
        MatrixClient.Session alice = matrix.registerUnique("outage");
        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of())
                .expect(200).str("room_id");
        String before = send(alice, roomId, "before", "before the outage").expect(200).str("event_id");

        postgres("stop");
        try {
            Resp during = send(alice, roomId, "during", "during the outage");
            during.expectError(503, "M_UNKNOWN");
            assertEquals("5", during.header("Retry-After"));
            matrix.get("/_matrix/client/v3/sync?timeout=0", alice.accessToken()).expectError(503, "M_UNKNOWN");
            matrix.login(alice.userId(), alice.password(), Map.of()).expectError(503, "M_UNKNOWN");
        } finally {
            postgres("start");
        }

        // Back by itself: the pool drops the dead connections and opens new ones.
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        Resp after = send(alice, roomId, "after", "after the outage");
        while (after.status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            after = send(alice, roomId, "after", "after the outage");
        }
        after.expect(200);

        // Nothing of the failed send was kept: its transaction ID is free, the room holds only the rest.
        String retried = send(alice, roomId, "during", "during the outage, retried").expect(200).str("event_id");
        Resp page = matrix.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=3", alice.accessToken())
                .expect(200);
        assertEquals(List.of("during the outage, retried", "after the outage", "before the outage"),
                page.messageBodies("chunk"));
        assertEquals(retried, ((Map<?, ?>) page.list("chunk").get(0)).get("event_id"));
        assertEquals(before, ((Map<?, ?>) page.list("chunk").get(2)).get("event_id"));
    }

    private Resp send(MatrixClient.Session user, String roomId, String txnId, String body) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + txnId, user.accessToken(),
                Map.of("msgtype", "m.text", "body", body));
    }

    /** Stops or starts the run's PostgreSQL with the script the build started it with. */
    private static void postgres(String command) throws IOException, InterruptedException {
        String script = System.getProperty("weft.it.postgres.script");
        String dir = System.getProperty("weft.it.postgres.dir");
        List<String> args = "stop".equals(command) ? List.of("bash", script, "stop", dir)
                : List.of("bash", script, "restart", dir);
        Process process = new ProcessBuilder(args).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "local-postgres.sh " + command + " did not finish");
        assertEquals(0, process.exitValue(), () -> "local-postgres.sh " + command + ": " + output);
    }
}
