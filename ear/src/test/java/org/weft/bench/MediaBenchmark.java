package org.weft.bench;

import static org.weft.bench.Bench.say;

import com.sun.tools.attach.VirtualMachine;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.weft.core.json.Json;

/**
 * The media benchmark (issue: media repository): C clients upload and then download a file of
 * S MB, R times each, and it prints upload and download MB/s. When the server runs on this machine
 * (the bench profile's does), it attaches to it over JMX and samples its heap while the bytes
 * stream: used heap after a GC before and after, and the peak between, show whether the server
 * holds files in memory. It measures, never asserts.
 *
 * <p>{@code -Dbench.media.clients} (4), {@code -Dbench.media.mb} (10), {@code -Dbench.media.rounds}
 * (13: 4 x 13 x 10 MB = 520 MB up and as much down, about 1 GB streamed).
 */
public final class MediaBenchmark {

    private final String base;
    private final HttpClient http = HttpClient.newHttpClient();
    private static JMXConnector jmx;

    private MediaBenchmark(String base) {
        this.base = base;
    }

    public static void main(String[] args) throws Exception {
        String url = System.getProperty("bench.url", "http://localhost:28008");
        new MediaBenchmark(url).run(Integer.getInteger("bench.media.clients", 4), Integer.getInteger("bench.media.mb", 10),
                Integer.getInteger("bench.media.rounds", 13));
    }

    private void run(int clients, int megabytes, int rounds) throws Exception {
        say("Weft media benchmark against %s: %d clients, %d MB files, %d uploads and downloads each",
                base, clients, megabytes, rounds);
        String token = register("media" + Long.toString(System.currentTimeMillis(), 36));
        byte[] file = new byte[megabytes * 1024 * 1024];
        new Random(42).nextBytes(file);
        Optional<MemoryMXBean> heap = serverHeap();
        heap.ifPresent(h -> say("server heap used after GC, before: %d MB", usedAfterGc(h)));
        AtomicLong peak = new AtomicLong();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get() && heap.isPresent()) {
                peak.accumulateAndGet(heap.get().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<String> uris = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        runAll(pool, clients, () -> {
            for (int r = 0; r < rounds; r++) {
                uris.add(upload(token, file));
            }
        });
        double upSeconds = (System.nanoTime() - start) / 1e9;
        AtomicLong downloaded = new AtomicLong();
        start = System.nanoTime();
        runAll(pool, clients, () -> {
            for (int r = 0; r < rounds; r++) {
                downloaded.addAndGet(download(token, uris.get((int) (Math.random() * uris.size()))));
            }
        });
        double downSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        sampling.set(false);
        sampler.join();

        long upBytes = (long) file.length * clients * rounds;
        say("");
        say("upload     %d MB in %.1f s: %.1f MB/s", upBytes >> 20, upSeconds, (upBytes >> 20) / upSeconds);
        say("download   %d MB in %.1f s: %.1f MB/s", downloaded.get() >> 20, downSeconds,
                (downloaded.get() >> 20) / downSeconds);
        if (heap.isPresent()) {
            say("server heap: peak used while streaming %d MB; used after GC, after: %d MB",
                    peak.get() >> 20, usedAfterGc(heap.get()));
            jmx.close();
        } else {
            say("server heap: not sampled (no local WildFly found to attach to)");
        }
    }

    private interface Work {
        void run() throws Exception;
    }

    private static void runAll(ExecutorService pool, int clients, Work work) throws Exception {
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                work.run();
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private String upload(String token, byte[] file) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/_matrix/media/v3/upload?filename=bench.bin"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(file)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Upload failed: " + response.body());
        }
        return (String) ((Map<?, ?>) Json.parse(response.body())).get("content_uri");
    }

    private long download(String token, String mxc) throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(base
                        + "/_matrix/client/v1/media/download/" + mxc.substring("mxc://".length())))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        long total = 0;
        try (InputStream in = response.body()) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                total += n;
            }
        }
        return total;
    }

    private String register(String name) throws Exception {
        String body = Json.write(Map.of("username", name, "password", "benchmark password",
                "auth", Map.of("type", "m.login.dummy")));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/_matrix/client/v3/register"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        return (String) ((Map<?, ?>) Json.parse(response.body())).get("access_token");
    }

    /** The heap of the local WildFly serving the benchmark's port offset, over JMX, if there is one. */
    private static Optional<MemoryMXBean> serverHeap() {
        try {
            Optional<ProcessHandle> server = ProcessHandle.allProcesses().filter(p -> p.info().commandLine()
                    .map(c -> c.contains("jboss-modules") && c.contains("port-offset=20000")).orElse(false)).findFirst();
            if (server.isEmpty()) {
                return Optional.empty();
            }
            VirtualMachine vm = VirtualMachine.attach(Long.toString(server.get().pid()));
            String address = vm.startLocalManagementAgent();
            vm.detach();
            jmx = JMXConnectorFactory.connect(new JMXServiceURL(address));
            return Optional.of(JMX.newMXBeanProxy(jmx.getMBeanServerConnection(),
                    new ObjectName(ManagementFactory.MEMORY_MXBEAN_NAME), MemoryMXBean.class));
        } catch (Exception e) {
            say("(cannot attach to the server for heap figures: %s)", e);
            return Optional.empty();
        }
    }

    private static long usedAfterGc(MemoryMXBean heap) {
        heap.gc();
        return heap.getHeapMemoryUsage().getUsed() >> 20;
    }
}
