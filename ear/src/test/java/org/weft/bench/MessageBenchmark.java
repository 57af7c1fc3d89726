package org.weft.bench;

import static org.weft.bench.Bench.millis;
import static org.weft.bench.Bench.say;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.core.json.Json;

/**
 * The message-send benchmark (issue: rooms and the event graph): registers U users, creates K
 * rooms that every user joins, then C concurrent clients send M messages in total with
 * {@code PUT /rooms/{roomId}/send/m.room.message/{txnId}}, each waiting for its answer before the
 * next send, as a real client does. The warm-up is long because a fresh WildFly keeps compiling
 * hot code for the first tens of thousands of requests: throughput measured here rose from ~430 to
 * ~800 messages/s between 10,000 and 60,000 warm-up messages. Prints throughput and send latency
 * percentiles. It measures,
 * never asserts: it cannot fail a build.
 *
 * <p>Run it with {@code mvn -Pbench verify} (see README), which starts a dedicated server, or
 * point {@code -Dbench.url} at any running Weft whose rate limits are off.
 */
public final class MessageBenchmark {

    private final String base;
    /** One keep-alive connection per client thread, as a real client keeps one. */
    private final ThreadLocal<BenchConnection> connections;

    private MessageBenchmark(String base) {
        this.base = base;
        URI uri = URI.create(base);
        this.connections = ThreadLocal.withInitial(() -> new BenchConnection(uri));
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:28008");
        int users = Integer.getInteger("bench.users", 10);
        int rooms = Integer.getInteger("bench.rooms", 10);
        int messages = Integer.getInteger("bench.messages", 30_000);
        int clients = Integer.getInteger("bench.clients", 10);
        int warmup = Integer.getInteger("bench.warmup", 60_000);
        new MessageBenchmark(url).run(users, rooms, messages, clients, warmup);
    }

    private void run(int users, int rooms, int messages, int clients, int warmup) throws Exception {
        say("Weft message benchmark against %s: %d users, %d rooms, %d messages, %d concurrent clients (+%d warm-up)",
                base, users, rooms, messages, clients, warmup);
        String run = Long.toString(System.currentTimeMillis(), 36);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            tokens.add(register("bench" + run + "u" + i));
        }
        List<String> roomIds = new ArrayList<>();
        for (int i = 0; i < rooms; i++) {
            roomIds.add(createRoom(tokens.get(0)));
            for (int u = 1; u < users; u++) {
                call("POST", "/_matrix/client/v3/rooms/" + roomIds.get(i) + "/join", tokens.get(u), Map.of());
            }
        }
        say("Setup done. Warming up...");
        sendAll(tokens, roomIds, warmup, clients, "w" + run);
        say("Measuring...");
        long[] latencies = new long[messages];
        AtomicInteger errors = new AtomicInteger();
        long start = System.nanoTime();
        sendAll(tokens, roomIds, messages, clients, "m" + run, latencies, errors);
        long elapsed = System.nanoTime() - start;

        Arrays.sort(latencies);
        double seconds = elapsed / 1e9;
        say("");
        say("messages sent      %d (errors: %d)", messages, errors.get());
        say("elapsed            %.2f s", seconds);
        say("throughput         %.0f messages/s", messages / seconds);
        say("send latency p50   %.1f ms", millis(latencies, 0.50));
        say("send latency p90   %.1f ms", millis(latencies, 0.90));
        say("send latency p99   %.1f ms", millis(latencies, 0.99));
        say("send latency max   %.1f ms", latencies[latencies.length - 1] / 1e6);
    }

    private void sendAll(List<String> tokens, List<String> rooms, int count, int clients, String txnPrefix)
            throws Exception {
        sendAll(tokens, rooms, count, clients, txnPrefix, new long[count], new AtomicInteger());
    }

    /** Client c sends as user c % U into room c % K, sequentially; messages are shared out by a counter. */
    private void sendAll(List<String> tokens, List<String> rooms, int count, int clients, String txnPrefix,
                         long[] latencies, AtomicInteger errors) throws Exception {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            String token = tokens.get(c % tokens.size());
            String roomId = rooms.get(c % rooms.size());
            workers.add(pool.submit(() -> {
                long i;
                while ((i = next.getAndIncrement()) < count) {
                    long t0 = System.nanoTime();
                    int status = send(token, roomId, txnPrefix + i, "message " + i);
                    latencies[(int) i] = System.nanoTime() - t0;
                    if (status != 200) {
                        errors.incrementAndGet();
                    }
                }
                connections.get().close();
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();
    }

    private int send(String token, String roomId, String txnId, String text) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("msgtype", "m.text");
        content.put("body", text);
        return call("PUT", "/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + txnId, token, content).status;
    }

    private String register(String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "benchmark password");
        body.put("auth", Map.of("type", "m.login.dummy"));
        Reply reply = call("POST", "/_matrix/client/v3/register", null, body);
        if (reply.status != 200) {
            throw new IllegalStateException("Registration failed (rate limits on?): " + reply.body);
        }
        return (String) reply.json().get("access_token");
    }

    private String createRoom(String token) {
        Reply reply = call("POST", "/_matrix/client/v3/createRoom", token, Map.of("preset", "public_chat"));
        if (reply.status != 200) {
            throw new IllegalStateException("createRoom failed: " + reply.body);
        }
        return (String) reply.json().get("room_id");
    }

    private record Reply(int status, String body) {
        @SuppressWarnings("unchecked")
        Map<String, Object> json() {
            return (Map<String, Object>) Json.parse(body);
        }
    }

    private Reply call(String method, String path, String token, Object body) {
        try {
            BenchConnection.Reply reply = connections.get().call(method, path, token, Json.write(body));
            return new Reply(reply.status(), reply.body());
        } catch (Exception e) {
            connections.get().close();
            return new Reply(-1, e.toString());
        }
    }
}
