package org.weft.bench;

import static org.weft.bench.Bench.json;
import static org.weft.bench.Bench.millis;
import static org.weft.bench.Bench.register;
import static org.weft.bench.Bench.say;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * The sync fan-out benchmark (issue: /sync): W clients wait in {@code GET /sync} on one room they
 * all joined; one more client sends a message; each waiter notes when its sync returns. Printed:
 * the time from the send returning to each waiting sync returning (p50, p99, max over all waiters
 * and rounds) and to the last waiter of each round. A sync that returns before the send's own
 * response counts as 0 ms. It measures, never asserts.
 *
 * <p>Run by {@code mvn -Pbench verify} after the message benchmark, or alone against a running
 * Weft: {@code java -cp ... -Dbench.url=http://localhost:8008 org.weft.bench.SyncFanOutBenchmark}.
 */
public final class SyncFanOutBenchmark {

    private static final String SYNC_FILTER = URLEncoder.encode(
            "{\"room\":{\"timeline\":{\"limit\":5},\"state\":{\"lazy_load_members\":true}},\"presence\":{\"types\":[]}}",
            StandardCharsets.UTF_8);

    /**
     * Rounds sent first and reported apart: a sender's first message takes its membership to each
     * lazy-loading waiter, and the database answers those syncs (ADR 0010).
     */
    private static final int WARM_UP_ROUNDS = 1;

    private final URI base;

    private SyncFanOutBenchmark(String url) {
        this.base = URI.create(url);
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:28008");
        int waiters = Integer.getInteger("bench.fanout.clients", 100);
        int rounds = Integer.getInteger("bench.fanout.rounds", 50);
        new SyncFanOutBenchmark(url).run(waiters, rounds + WARM_UP_ROUNDS);
    }

    private void run(int waiters, int rounds) throws Exception {
        say("Weft sync fan-out benchmark against %s: %d waiting clients, %d rounds after %d warm-up", base, waiters,
                rounds - WARM_UP_ROUNDS, WARM_UP_ROUNDS);
        String run = Long.toString(System.currentTimeMillis(), 36);
        BenchConnection setup = new BenchConnection(base);
        String sender = register(setup, "fan" + run + "s");
        String roomId = (String) json(setup.call("POST", "/_matrix/client/v3/createRoom", sender,
                "{\"preset\":\"public_chat\"}")).get("room_id");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            String token = register(setup, "fan" + run + "w" + i);
            setup.call("POST", "/_matrix/client/v3/rooms/" + roomId + "/join", token, "{}");
            tokens.add(token);
        }
        say("Setup done: %d members in %s.", waiters + 1, roomId);

        long[][] arrivals = new long[rounds][waiters];
        CyclicBarrier ready = new CyclicBarrier(waiters + 1);
        CountDownLatch finished = new CountDownLatch(waiters);
        for (int w = 0; w < waiters; w++) {
            int index = w;
            Thread thread = new Thread(() -> waitLoop(tokens.get(index), rounds, arrivals, index, ready, finished));
            thread.setDaemon(true);
            thread.start();
        }
        long[] sendStarted = new long[rounds];
        long[] sendReturned = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            ready.await(60, TimeUnit.SECONDS);
            // Every waiter has sent its /sync; give the server a moment to suspend them all, so
            // the round measures waking, not the start of a sync.
            Thread.sleep(300);
            sendStarted[r] = System.nanoTime();
            setup.call("PUT", "/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/r" + r, sender,
                    "{\"msgtype\":\"m.text\",\"body\":\"round " + r + "\"}");
            sendReturned[r] = System.nanoTime();
        }
        ready.await(60, TimeUnit.SECONDS);
        finished.await(60, TimeUnit.SECONDS);
        setup.close();

        for (int r = 0; r < WARM_UP_ROUNDS; r++) {
            long last = 0;
            for (int w = 0; w < waiters; w++) {
                last = Math.max(last, arrivals[r][w] - sendReturned[r]);
            }
            say("warm-up round %d: send returned -> last sync returned %.1f ms", r + 1, last / 1e6);
        }
        int measured = rounds - WARM_UP_ROUNDS;
        long[] all = new long[measured * waiters];
        long[] fromStart = new long[measured * waiters];
        long[] lastPerRound = new long[measured];
        for (int m = 0; m < measured; m++) {
            int r = m + WARM_UP_ROUNDS;
            for (int w = 0; w < waiters; w++) {
                long latency = Math.max(0, arrivals[r][w] - sendReturned[r]);
                all[m * waiters + w] = latency;
                fromStart[m * waiters + w] = arrivals[r][w] - sendStarted[r];
                lastPerRound[m] = Math.max(lastPerRound[m], latency);
            }
            if (Boolean.getBoolean("bench.fanout.print_rounds")) {
                say("round %d: send took %.1f ms, last sync returned %.1f ms after it", m + 1,
                        (sendReturned[r] - sendStarted[r]) / 1e6, lastPerRound[m] / 1e6);
            }
        }
        Arrays.sort(all);
        Arrays.sort(fromStart);
        Arrays.sort(lastPerRound);
        say("");
        say("send started  -> each waiting sync returned: p50 %.1f ms, p99 %.1f ms, max %.1f ms (includes the send itself)",
                millis(fromStart, 0.50), millis(fromStart, 0.99), fromStart[fromStart.length - 1] / 1e6);
        say("send returned -> each waiting sync returned: p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                millis(all, 0.50), millis(all, 0.99), all[all.length - 1] / 1e6);
        say("send returned -> last sync of a round:       p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                millis(lastPerRound, 0.50), millis(lastPerRound, 0.99), lastPerRound[measured - 1] / 1e6);
    }

    /** One waiting client: a sync per round, noting when each returns. */
    private void waitLoop(String token, int rounds, long[][] arrivals, int index, CyclicBarrier ready,
                          CountDownLatch finished) {
        try (BenchConnection connection = new BenchConnection(base)) {
            String since = (String) json(connection.call("GET", "/_matrix/client/v3/sync?timeout=0&filter=" + SYNC_FILTER,
                    token, "")).get("next_batch");
            for (int r = 0; r < rounds; r++) {
                boolean seen = false;
                boolean first = true;
                while (!seen) {
                    if (first) {
                        // Past the barrier the sender waits 300 ms before sending: time for this sync to be suspended.
                        ready.await(60, TimeUnit.SECONDS);
                        first = false;
                    }
                    Map<String, Object> sync = json(connection.call("GET", "/_matrix/client/v3/sync?timeout=30000&since="
                            + since + "&filter=" + SYNC_FILTER, token, ""));
                    long now = System.nanoTime();
                    since = (String) sync.get("next_batch");
                    if (sync.toString().contains("round " + r)) {
                        arrivals[r][index] = now;
                        seen = true;
                    }
                }
            }
            ready.await(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            say("waiter %d failed: %s", index, e);
        } finally {
            finished.countDown();
        }
    }
}
