package org.weft.bench;

import static org.weft.bench.Bench.millis;
import static org.weft.bench.Bench.say;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.it.MatrixClient;
import org.weft.it.Resp;
import org.weft.it.WeftServerProcess;

/**
 * The federation benchmark (issue: rooms across servers): two Weft servers on this machine, A and
 * B ({@link WeftServerProcess}: each its own WildFly and H2, TLS between them with certificate
 * checks on), a room on A that a user of B has joined.
 *
 * <ol>
 *   <li>Latency: a user of A sends at a steady rate ({@code bench.federation.rate}, 100/s) while the
 *       user of B waits in {@code /sync}; for each message, the time from the send's start on A to
 *       the moment B's {@code /sync} returns it.</li>
 *   <li>Throughput of B's inbound {@code /send}: B refuses A for a while (its
 *       {@code weft.federation.denied_servers}), A's users send {@code bench.federation.backlog}
 *       messages (A's outbound queue keeps them, retrying), B lets A in again; A then sends them in transactions of up to 50 PDUs, one in flight, and B checks and stores
 *       each PDU (signatures, hashes, auth, state). Figure: PDUs stored by B per second, from the
 *       first of the backlog to the last being readable on B.</li>
 * </ol>
 * It measures, never asserts. Run it with {@code mvn -Pbench verify} (README); it starts and stops
 * its own two servers (ports +22000 and +23000).
 */
public final class FederationBenchmark {

    /** A filter that lets each /sync carry every event since the last one, so none is missed. */
    private static final String WIDE_TIMELINE = URLEncoder.encode("{\"room\":{\"timeline\":{\"limit\":1000}}}",
            StandardCharsets.UTF_8);

    private final WeftServerProcess serverA;
    private final WeftServerProcess serverB;

    private FederationBenchmark(Path root) {
        Map<String, String> settings = Map.of("weft.ratelimit.enabled", "false",
                "weft.federation.retry_initial_ms", "200", "weft.federation.retry_max_ms", "1000");
        serverA = new WeftServerProcess("a", root, 22000, settings);
        serverB = new WeftServerProcess("b", root, 23000, settings);
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("bench.federation.dir", "target/bench-federation"));
        FederationBenchmark bench = new FederationBenchmark(root);
        try {
            bench.run(root, Integer.getInteger("bench.federation.rate", 100),
                    Integer.getInteger("bench.federation.messages", 3_000),
                    Integer.getInteger("bench.federation.warmup", 18_000),
                    Integer.getInteger("bench.federation.backlog", 10_000));
        } finally {
            bench.serverA.close();
            bench.serverB.close();
        }
    }

    private void run(Path root, int rate, int messages, int warmup, int backlog) throws Exception {
        say("Weft federation benchmark: two servers, %d messages at %d/s (+%d warm-up), then a backlog of %d",
                messages, rate, warmup, backlog);
        Path ear = Path.of(System.getProperty("weft.it.ear", "target/weft.ear"));
        serverA.prepare(ear);
        serverB.prepare(ear);
        WeftServerProcess.trustEachOther(root.resolve("trust.p12"), serverA, serverB);
        serverA.start();
        serverB.start();
        MatrixClient a = new MatrixClient(serverA.clientUrl());
        MatrixClient b = new MatrixClient(serverB.clientUrl());
        MatrixClient.Session alice = a.registerUnique("alice");
        MatrixClient.Session bob = b.registerUnique("bob");
        String roomId = a.post("/_matrix/client/v3/createRoom", alice.accessToken(), Map.of("preset", "public_chat"))
                .expect(200).str("room_id");
        b.post("/_matrix/client/v3/join/" + roomId + "?server_name=" + URLEncoder.encode(serverA.serverName(),
                StandardCharsets.UTF_8), bob.accessToken(), Map.of()).expect(200);
        say("Servers up, room shared. Warming up...");

        latency(a, b, alice, bob, roomId, rate, warmup, "w");
        say("Measuring latency...");
        long[] latencies = latency(a, b, alice, bob, roomId, rate, messages, "m");
        Arrays.sort(latencies);
        say("");
        say("A->B latency, %d messages at %d/s (send start on A to B's /sync returning it)", messages, rate);
        say("  p50   %.1f ms", millis(latencies, 0.50));
        say("  p90   %.1f ms", millis(latencies, 0.90));
        say("  p99   %.1f ms", millis(latencies, 0.99));
        say("  max   %.1f ms", latencies[latencies.length - 1] / 1e6);

        say("");
        say("B refuses A's transactions (weft.federation.denied_servers); A's users send a backlog of %d...", backlog);
        // Patterns match host names, without the port (as server ACLs do): "localhost" is A here.
        serverB.set("weft.federation.denied_servers", "localhost");
        List<MatrixClient.Session> senders = List.of(alice, a.registerUnique("alice2"), a.registerUnique("alice3"),
                a.registerUnique("alice4"));
        for (MatrixClient.Session sender : senders.subList(1, senders.size())) {
            a.post("/_matrix/client/v3/rooms/" + roomId + "/join", sender.accessToken(), Map.of()).expect(200);
        }
        sendConcurrently(a, senders, roomId, backlog);
        String newestOnA = (String) ((Map<?, ?>) a.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=1",
                alice.accessToken()).expect(200).list("chunk").get(0)).get("event_id");
        serverB.set("weft.federation.denied_servers", "");
        long firstSeen = awaitFirstOfBacklog(b, bob, roomId);
        long lastSeen = awaitEvent(b, bob, roomId, newestOnA);
        double seconds = (lastSeen - firstSeen) / 1e9;
        say("B's inbound /send: %d PDUs stored in %.2f s once it let A in again: %.0f PDUs/s", backlog, seconds,
                backlog / seconds);
    }

    /** Sends {@code count} messages on A at {@code rate}/s; B's user's /sync notes when each arrives. */
    private static long[] latency(MatrixClient a, MatrixClient b, MatrixClient.Session alice, MatrixClient.Session bob,
                                  String roomId, int rate, int count, String prefix) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        AtomicBoolean done = new AtomicBoolean();
        String since = b.get("/_matrix/client/v3/sync?timeout=0", bob.accessToken()).expect(200).str("next_batch");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<?> reader = pool.submit(() -> {
            String from = since;
            while (!done.get()) {
                Resp sync = b.get("/_matrix/client/v3/sync?timeout=5000&filter=" + WIDE_TIMELINE + "&since=" + from,
                        bob.accessToken()).expect(200);
                long now = System.nanoTime();
                for (String body : bodies(sync, roomId)) {
                    seenAt.putIfAbsent(body, now);
                }
                from = sync.str("next_batch");
                if (seenAt.size() >= count) {
                    done.set(true);
                }
            }
            return null;
        });
        long interval = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String body = prefix + " " + i;
            sentAt.put(body, System.nanoTime());
            a.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName(prefix),
                    alice.accessToken(), Map.of("msgtype", "m.text", "body", body)).expect(200);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!done.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        done.set(true);
        reader.get();
        pool.shutdown();
        long[] latencies = new long[count];
        for (int i = 0; i < count; i++) {
            Long seen = seenAt.get(prefix + " " + i);
            latencies[i] = seen == null ? Long.MAX_VALUE : seen - sentAt.get(prefix + " " + i);
        }
        return latencies;
    }

    @SuppressWarnings("unchecked")
    private static List<String> bodies(Resp sync, String roomId) {
        Map<String, Object> rooms = (Map<String, Object>) sync.get("rooms");
        if (rooms == null || !(rooms.get("join") instanceof Map<?, ?> joined) || !(joined.get(roomId) instanceof Map<?, ?> room)) {
            return List.of();
        }
        List<Object> events = (List<Object>) ((Map<String, Object>) room.get("timeline")).get("events");
        return events.stream().map(e -> (Map<String, Object>) e).filter(e -> "m.room.message".equals(e.get("type")))
                .map(e -> (String) ((Map<String, Object>) e.get("content")).get("body")).toList();
    }

    private static void sendConcurrently(MatrixClient a, List<MatrixClient.Session> senders, String roomId, int count)
            throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        List<? extends Future<?>> workers = senders.stream().map(sender -> pool.submit(() -> {
            long i;
            while ((i = next.getAndIncrement()) < count) {
                a.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("b"),
                        sender.accessToken(), Map.of("msgtype", "m.text", "body", "backlog " + i)).expect(200);
            }
            return null;
        })).toList();
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    /** Polls until B's newest event in the room is one of the backlog; returns when. */
    private static long awaitFirstOfBacklog(MatrixClient b, MatrixClient.Session bob, String roomId)
            throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        Resp page = null;
        while (System.nanoTime() < deadline) {
            page = b.get("/_matrix/client/v3/rooms/" + roomId + "/messages?dir=b&limit=1", bob.accessToken());
            if (page.status() == 200 && !page.list("chunk").isEmpty()
                    && page.list("chunk").get(0) instanceof Map<?, ?> newest && newest.get("content") instanceof Map<?, ?> content
                    && content.get("body") instanceof String body && body.startsWith("backlog ")) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("B never received the backlog; its newest event: " + (page == null ? null : page.text()));
    }

    /** Polls until B holds the event (A's newest, so B holds every event before it too); returns when. */
    private static long awaitEvent(MatrixClient b, MatrixClient.Session bob, String roomId, String eventId)
            throws InterruptedException {
        long deadline = System.nanoTime() + 600_000_000_000L;
        String path = "/_matrix/client/v3/rooms/" + roomId + "/event/" + URLEncoder.encode(eventId, StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            if (b.get(path, bob.accessToken()).status() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("B never caught up");
    }
}
