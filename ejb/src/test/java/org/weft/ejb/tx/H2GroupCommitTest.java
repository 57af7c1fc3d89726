package org.weft.ejb.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit against a real embedded H2 file database. A copy of the database file taken while
 * the database is open is what a crash of the server process would leave behind: whatever
 * awaitDurable returned for must be in it.
 */
class H2GroupCommitTest {

    private static final long WINDOW = TimeUnit.MICROSECONDS.toNanos(2000);

    @TempDir
    Path dir;

    @Test
    void everyAnsweredCommitIsInTheFileACrashWouldLeave() throws Exception {
        try (Connection connection = open("live")) {
            H2GroupCommit group = H2GroupCommit.attach(connection);
            assertNotNull(group, "durable mode (WRITE_DELAY=0) is taken over");
            execute(connection, "CREATE TABLE t (id INT PRIMARY KEY)");
            for (int i = 0; i < 20; i++) {
                execute(connection, "INSERT INTO t VALUES (" + i + ")");
                group.awaitDurable(WINDOW, () -> 0, false);
                assertEquals(i + 1, rowsInCrashCopy("copy" + i), "rows in the file after answer " + i);
            }
        }
    }

    @Test
    void concurrentWritersShareWritesAndAllAreDurable() throws Exception {
        try (Connection setup = open("live")) {
            H2GroupCommit group = H2GroupCommit.attach(setup);
            execute(setup, "CREATE TABLE t (id INT PRIMARY KEY)");
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<?>> writers = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        try (Connection connection = open("live")) {
                            for (int i = 0; i < 50; i++) {
                                execute(connection, "INSERT INTO t VALUES (" + (writer * 1000 + i) + ")");
                                group.awaitDurable(WINDOW, () -> 0, false);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(200, rowsInCrashCopy("copy"));
        }
    }

    @Test
    void aDatabaseWhoseDelayIsAlreadySetIsTakenOverAgain() throws Exception {
        // As after a reload or redeploy: the database stayed open with the delay the last deployment set.
        try (Connection connection = DriverManager.getConnection(
                "jdbc:h2:file:" + dir.resolve("live") + ";WRITE_DELAY=" + H2GroupCommit.BACKGROUND_WRITE_DELAY_MS, "sa", "")) {
            H2GroupCommit group = H2GroupCommit.attach(connection);
            assertNotNull(group);
            execute(connection, "CREATE TABLE t (id INT PRIMARY KEY)");
            execute(connection, "INSERT INTO t VALUES (1)");
            group.awaitDurable(WINDOW, () -> 0, false);
            assertEquals(1, rowsInCrashCopy("copy"));
        }
    }

    private Connection open(String name) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name) + ";WRITE_DELAY=0", "sa", "");
    }

    /** Copies the open database's file, as a crash would leave it, and counts the rows H2 recovers from it. */
    private int rowsInCrashCopy(String name) throws Exception {
        Files.copy(dir.resolve("live.mv.db"), dir.resolve(name + ".mv.db"));
        try (Connection copy = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve(name), "sa", "");
             Statement statement = copy.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM t")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
