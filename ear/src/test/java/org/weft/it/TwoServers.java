package org.weft.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Two federating Weft servers, A and B ({@link WeftServerProcess}), started once for every test
 * class that extends with this and stopped when the run ends: starting a pair takes most of a
 * minute. Test classes reach them through {@link #a()} and {@link #b()}.
 */
public final class TwoServers implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static WeftServerProcess serverA;
    private static WeftServerProcess serverB;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Assumptions.assumeFalse("postgres".equals(System.getProperty("weft.it.database")),
                "both servers run on their own embedded H2; once is enough");
        synchronized (TwoServers.class) {
            if (serverA == null) {
                start();
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(TwoServers.class.getName(), this);
            }
        }
    }

    private static void start() throws Exception {
        Path root = Path.of(System.getProperty("weft.it.server.base", "target/it-server")).getParent().resolve("two-servers");
        // Quick retries, so that B's return after a restart is noticed within a second.
        Map<String, String> settings = Map.of("weft.federation.retry_initial_ms", "200",
                "weft.federation.retry_max_ms", "1000");
        WeftServerProcess first = new WeftServerProcess("a", root, 12000, settings);
        WeftServerProcess second = new WeftServerProcess("b", root, 13000, settings);
        Path ear = Path.of(System.getProperty("weft.it.ear", "target/weft.ear"));
        first.prepare(ear);
        second.prepare(ear);
        WeftServerProcess.trustEachOther(root.resolve("trust.p12"), first, second);
        first.start();
        second.start();
        serverA = first;
        serverB = second;
    }

    /** Server A. */
    public static WeftServerProcess a() {
        return serverA;
    }

    /** Server B. */
    public static WeftServerProcess b() {
        return serverB;
    }

    @Override
    public void close() throws Exception {
        synchronized (TwoServers.class) {
            if (serverA != null) {
                serverA.close();
            }
            if (serverB != null) {
                serverB.close();
            }
            serverA = null;
            serverB = null;
        }
    }
}
