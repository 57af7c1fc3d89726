package org.weft.bench;

import static org.weft.bench.Bench.json;
import static org.weft.bench.Bench.millis;
import static org.weft.bench.Bench.register;
import static org.weft.bench.Bench.say;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The push rule cost benchmark (issue: push notifications): what evaluating push rules for every
 * member adds to a send. One sender sends alternately into a room of M local members (default
 * 1000, each with the default rules, so each message notifies all of them) and into a room of two;
 * printed are the send latencies of both and the difference of their medians, which is the cost of
 * evaluating M members' rules and writing their notifications. It measures, never asserts.
 *
 * <p>Run by {@code mvn -Pbench verify} after the other benchmarks, or alone against a running
 * Weft: {@code java -cp ... -Dbench.url=http://localhost:8008 org.weft.bench.PushBenchmark}.
 */
public final class PushBenchmark {

    private final URI base;

    private PushBenchmark(String url) {
        this.base = URI.create(url);
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:28008");
        int members = Integer.getInteger("bench.push.members", 1000);
        int messages = Integer.getInteger("bench.push.messages", 300);
        new PushBenchmark(url).run(members, messages);
    }

    private void run(int members, int messages) throws Exception {
        say("Weft push rule benchmark against %s: a room of %d local members vs a room of 2, %d sends each",
                base, members, messages);
        String run = Long.toString(System.currentTimeMillis(), 36);
        BenchConnection setup = new BenchConnection(base);
        String sender = register(setup, "push" + run + "s");
        String big = createRoom(setup, sender);
        String small = createRoom(setup, sender);
        join(setup, register(setup, "push" + run + "x"), small);

        // Members register and join from four connections: setup, not the measurement.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> joins = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int first = t;
            joins.add(pool.submit(() -> {
                BenchConnection connection = new BenchConnection(base);
                for (int i = first; i < members - 1; i += 4) {
                    join(connection, register(connection, "push" + run + "m" + i), big);
                }
                connection.close();
                return null;
            }));
        }
        for (Future<?> join : joins) {
            join.get();
        }
        pool.shutdown();
        say("Setup done: %d members in %s.", members, big);

        BenchConnection connection = new BenchConnection(base);
        for (int i = 0; i < 30; i++) { // warm-up: compiled rule sets cached, JIT done
            send(connection, sender, big, i);
            send(connection, sender, small, i);
        }
        long[] inBig = new long[messages];
        long[] inSmall = new long[messages];
        for (int i = 0; i < messages; i++) {
            inBig[i] = send(connection, sender, big, i);
            inSmall[i] = send(connection, sender, small, i);
        }
        Arrays.sort(inBig);
        Arrays.sort(inSmall);
        say("");
        say("send into %4d members: p50 %.1f ms, p99 %.1f ms", members, millis(inBig, 0.5), millis(inBig, 0.99));
        say("send into    2 members: p50 %.1f ms, p99 %.1f ms", millis(inSmall, 0.5), millis(inSmall, 0.99));
        say("push rules for %d members add (p50 difference): %.1f ms per send", members - 1,
                millis(inBig, 0.5) - millis(inSmall, 0.5));
        connection.close();
        setup.close();
    }

    private static long send(BenchConnection connection, String token, String roomId, int i) throws Exception {
        long start = System.nanoTime();
        BenchConnection.Reply reply = connection.call("PUT", "/_matrix/client/v3/rooms/" + roomId
                + "/send/m.room.message/p" + System.nanoTime(), token, "{\"msgtype\":\"m.text\",\"body\":\"message " + i + "\"}");
        long took = System.nanoTime() - start;
        if (reply.status() != 200) {
            throw new IllegalStateException("Send failed: " + reply.body());
        }
        return took;
    }

    private static String createRoom(BenchConnection connection, String token) throws Exception {
        return (String) json(connection.call("POST", "/_matrix/client/v3/createRoom", token,
                "{\"preset\":\"public_chat\"}")).get("room_id");
    }

    private static void join(BenchConnection connection, String token, String roomId) throws Exception {
        BenchConnection.Reply reply = connection.call("POST", "/_matrix/client/v3/rooms/" + roomId + "/join", token, "{}");
        if (reply.status() != 200) {
            throw new IllegalStateException("Join failed: " + reply.body());
        }
    }
}
