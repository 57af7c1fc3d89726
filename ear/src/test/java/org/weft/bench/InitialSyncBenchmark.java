package org.weft.bench;

import static org.weft.bench.Bench.json;
import static org.weft.bench.Bench.register;
import static org.weft.bench.Bench.say;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The initial sync benchmark (issue 13): one user in R rooms (preset private_chat, 3 messages
 * each), a filter with {@code timeline.limit=10} uploaded once, then repeatedly: log in again (a
 * fresh device, as a new login or an Element start without a cache) and time one full initial
 * {@code GET /sync?filter=<id>}. Printed per room count (default 10, 100 and 1000): the median,
 * minimum and maximum time, the time per room, and the response's size. Logins are not timed.
 * It measures, never asserts.
 *
 * <p>Run by {@code mvn -Pbench verify}, or alone against a running Weft whose rate limits are off:
 * {@code java -cp ... -Dbench.url=http://localhost:8008 org.weft.bench.InitialSyncBenchmark}.
 * {@code -Dbench.initialsync.rooms=10,100,1000}, {@code -Dbench.initialsync.syncs=50} (timed syncs
 * per room count), {@code -Dbench.initialsync.warmup=400} (untimed syncs of the middle room count first:
 * a fresh WildFly keeps compiling hot code for a long while).
 */
public final class InitialSyncBenchmark {

    private static final String FILTER = "{\"room\":{\"timeline\":{\"limit\":10}}}";
    private static final String PASSWORD = "benchmark password";

    private final URI base;

    private InitialSyncBenchmark(String url) {
        this.base = URI.create(url);
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:28008");
        String rooms = System.getProperty("bench.initialsync.rooms", "10,100,1000");
        int syncs = Integer.getInteger("bench.initialsync.syncs", 50);
        int warmUp = Integer.getInteger("bench.initialsync.warmup", 400);
        InitialSyncBenchmark benchmark = new InitialSyncBenchmark(url);
        say("Weft initial sync benchmark against %s: one user in %s rooms (private_chat, 3 messages each),"
                + " filter timeline.limit=10, a fresh device per sync; %d warm-up syncs, then %d timed syncs per room count",
                url, rooms, warmUp, syncs);
        List<Integer> counts = Arrays.stream(rooms.split(",")).map(String::trim).map(Integer::valueOf).toList();
        List<String> users = new ArrayList<>();
        List<String> filters = new ArrayList<>();
        for (int count : counts) {
            String user = "isync" + Long.toString(System.currentTimeMillis(), 36) + "r" + count;
            filters.add(benchmark.setUp(user, count));
            users.add(user);
        }
        // A fresh server keeps compiling for a long while: warm up on the median room count, untimed.
        int middle = counts.size() / 2;
        for (int i = 0; i < warmUp; i++) {
            benchmark.sync(users.get(middle), filters.get(middle));
        }
        List<String> results = new ArrayList<>();
        for (int c = 0; c < counts.size(); c++) {
            results.add(benchmark.measure(counts.get(c), users.get(c), filters.get(c), syncs));
        }
        say("");
        say("%6s  %9s  %9s  %9s  %12s  %10s", "rooms", "median", "min", "max", "per room", "size");
        results.forEach(Bench::say);
    }

    /** Registers the user, creates and fills its rooms, uploads the filter; returns the filter's ID. */
    private String setUp(String user, int roomCount) throws Exception {
        try (BenchConnection setup = new BenchConnection(base)) {
            String token = register(setup, user);
            createRooms(token, roomCount);
            String filterId = (String) json(setup.call("POST", "/_matrix/client/v3/user/@" + user + ":"
                    + serverName(setup, token) + "/filter", token, FILTER)).get("filter_id");
            say("Set up %d rooms for %s.", roomCount, user);
            return filterId;
        }
    }

    private String measure(int roomCount, String user, String filterId, int syncs) throws Exception {
        long[] took = new long[syncs];
        int size = 0;
        for (int i = 0; i < syncs; i++) {
            Timed timed = sync(user, filterId);
            took[i] = timed.nanos();
            size = timed.bytes();
        }
        Arrays.sort(took);
        double median = Bench.millis(took, 0.5);
        return String.format("%6d  %6.1f ms  %6.1f ms  %6.1f ms  %7.2f ms  %7.1f kB", roomCount, median,
                took[0] / 1e6, took[took.length - 1] / 1e6, median / roomCount, size / 1000.0);
    }

    private record Timed(long nanos, int bytes) {
    }

    /** Logs in (a new device), times one initial sync, logs out. */
    private Timed sync(String user, String filterId) throws Exception {
        try (BenchConnection connection = new BenchConnection(base)) {
            String device = login(connection, user);
            long start = System.nanoTime();
            BenchConnection.Reply reply = connection.call("GET", "/_matrix/client/v3/sync?filter=" + filterId, device, "");
            long elapsed = System.nanoTime() - start;
            if (reply.status() != 200) {
                throw new IllegalStateException("Sync failed: " + reply.body());
            }
            connection.call("POST", "/_matrix/client/v3/logout", device, "{}");
            return new Timed(elapsed, reply.body().getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /** Rooms are created and filled from four connections: setup, not the measurement. */
    private void createRooms(String token, int count) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            done.add(pool.submit(() -> {
                try (BenchConnection connection = new BenchConnection(base)) {
                    for (int r = first; r < count; r += 4) {
                        String roomId = (String) json(connection.call("POST", "/_matrix/client/v3/createRoom", token,
                                "{\"preset\":\"private_chat\",\"name\":\"Room " + r + "\"}")).get("room_id");
                        for (int m = 0; m < 3; m++) {
                            BenchConnection.Reply sent = connection.call("PUT", "/_matrix/client/v3/rooms/" + roomId
                                    + "/send/m.room.message/i" + System.nanoTime(), token,
                                    "{\"msgtype\":\"m.text\",\"body\":\"message " + m + " in room " + r + "\"}");
                            if (sent.status() != 200) {
                                throw new IllegalStateException("Send failed: " + sent.body());
                            }
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
    }

    private static String serverName(BenchConnection connection, String token) throws Exception {
        String userId = (String) json(connection.call("GET", "/_matrix/client/v3/account/whoami", token, "")).get("user_id");
        return userId.substring(userId.indexOf(':') + 1);
    }

    private static String login(BenchConnection connection, String user) throws Exception {
        BenchConnection.Reply reply = connection.call("POST", "/_matrix/client/v3/login", null,
                "{\"type\":\"m.login.password\",\"identifier\":{\"type\":\"m.id.user\",\"user\":\"" + user
                        + "\"},\"password\":\"" + PASSWORD + "\"}");
        if (reply.status() != 200) {
            throw new IllegalStateException("Login failed (rate limits on?): " + reply.body());
        }
        return (String) ((Map<?, ?>) json(reply)).get("access_token");
    }
}
