package org.weft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answered send survives a crash of the server process (ADR 0009, ADR 0012): right after each
 * send returns, a copy of the running server's database file (what a crash would leave behind)
 * already holds the event. Fails if answers stopped waiting for group commit, since H2's own
 * background writer would write the event up to a second later.
 */
class CrashDurabilityIT extends WeftIT {

    @TempDir
    Path dir;

    @Test
    void everyAnsweredEventIsInTheDatabaseFileAtOnce() throws Exception {
        // PostgreSQL answers a commit once its WAL is flushed (synchronous_commit=on): its own concern.
        Assumptions.assumeFalse(onPostgres(), "the embedded H2's file is only there when Weft runs on H2");
        MatrixClient.Session alice = matrix.registerUnique("durable");
        String roomId = matrix.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of())
                .expect(200).str("room_id");
        Path database = Path.of(System.getProperty("weft.it.data.dir"), "db", "weft.mv.db");
        for (int i = 0; i < 5; i++) {
            String eventId = matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/crash-" + i,
                    alice.accessToken(), Map.of("msgtype", "m.text", "body", "answered " + i))
                    .expect(200).str("event_id");
            Path copy = dir.resolve("copy" + i + ".mv.db");
            Files.copy(database, copy);
            assertEquals(1, eventsIn(copy, eventId), "event " + i + " in the file a crash would leave");
        }
    }

    private static int eventsIn(Path copy, String eventId) throws Exception {
        String name = copy.toString().substring(0, copy.toString().length() - ".mv.db".length());
        try (Connection connection = DriverManager.getConnection("jdbc:h2:file:" + name, "weft", "weft");
             PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM events WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
