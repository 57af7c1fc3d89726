package org.weft.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * A whole Weft server in a process of its own, for tests and benchmarks that need more than the one
 * server Arquillian manages (federation between two real Weft servers): a fresh copy of the
 * provisioned server's base dir, its own data folder and H2 database, every port moved by its
 * offset, server name {@code localhost:<its https port>}, weft.ear deployed at boot by the deployment
 * scanner, and a federation certificate made by the JDK's keytool, which {@link #trustEachOther}
 * puts into one trust store both servers' JVMs use, so certificates are verified as in production
 * ({@code weft.federation.verify_tls} stays on).
 */
public final class WeftServerProcess implements AutoCloseable {

    private static final String KEYSTORE_PASSWORD = "weft-federation";
    private static final String TRUST_PASSWORD = "weft-trust";

    private final String name;
    private final int portOffset;
    private final Path base;
    private final Path data;
    private final Path jbossHome;
    private final Map<String, String> settings;
    private Path trustStore;
    private Process process;

    /**
     * @param root       the folder this server's base dir and data go under ({@code <root>/<name>})
     * @param portOffset added to every port: HTTP {@code 8008 + offset}, federation {@code 8448 + offset}
     * @param settings   system properties on top of the integration tests' settings file
     */
    public WeftServerProcess(String name, Path root, int portOffset, Map<String, String> settings) {
        this.name = name;
        this.portOffset = portOffset;
        this.base = root.resolve(name).resolve("base");
        this.data = root.resolve(name).resolve("data");
        this.jbossHome = Path.of(System.getProperty("weft.it.jboss.home", "../standalone-config/target/server"));
        this.settings = settings;
    }

    public String serverName() {
        return "localhost:" + (8448 + portOffset);
    }

    /** The client-server API's base URL. */
    public String clientUrl() {
        return "http://localhost:" + (8008 + portOffset);
    }

    /**
     * Copies the provisioned server and weft.ear into this server's fresh base dir and makes its
     * federation key pair; run once before the first start.
     */
    public void prepare(Path ear) throws IOException, InterruptedException {
        deleteTree(base.getParent());
        copyTree(jbossHome.resolve("standalone"), base);
        Files.createDirectories(data);
        Files.copy(ear, base.resolve("deployments").resolve("weft.ear"), StandardCopyOption.REPLACE_EXISTING);
        keytool("-genkeypair", "-alias", "federation", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore().toString(),
                "-storetype", "PKCS12", "-storepass", KEYSTORE_PASSWORD, "-keypass", KEYSTORE_PASSWORD);
    }

    /** Makes one trust store holding every server's certificate and has each server use it. */
    public static void trustEachOther(Path trustStore, WeftServerProcess... servers) throws IOException, InterruptedException {
        Files.deleteIfExists(trustStore);
        for (WeftServerProcess server : servers) {
            Path certificate = server.base.getParent().resolve("federation.pem");
            keytool("-exportcert", "-alias", "federation", "-keystore", server.keystore().toString(),
                    "-storepass", KEYSTORE_PASSWORD, "-rfc", "-file", certificate.toString());
            keytool("-importcert", "-noprompt", "-alias", server.name, "-file", certificate.toString(),
                    "-keystore", trustStore.toString(), "-storetype", "PKCS12", "-storepass", TRUST_PASSWORD);
        }
        for (WeftServerProcess server : servers) {
            server.trustStore = trustStore;
        }
    }

    /** Starts the server and waits until its client-server API answers with Weft deployed. */
    public void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is running");
        }
        if (answers()) {
            throw new IllegalStateException("Something already answers at " + clientUrl() + ": a server left running?");
        }
        List<String> command = new ArrayList<>(List.of(jbossHome.resolve("bin").resolve("standalone.sh").toString(),
                "-c", "standalone.xml", "-Djboss.server.base.dir=" + base,
                "-Djboss.socket.binding.port-offset=" + portOffset, "-Dweft.data_dir=" + data,
                "-Dweft.server_name=" + serverName(), "-Dweft.public_baseurl=" + clientUrl() + "/",
                "-P=" + System.getProperty("weft.it.settings", "src/test/resources/it-server.properties")));
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(base.getParent().resolve("console.log").toFile()));
        String trust = trustStore == null ? "" : " -Djavax.net.ssl.trustStore=" + trustStore
                + " -Djavax.net.ssl.trustStorePassword=" + TRUST_PASSWORD + " -Djavax.net.ssl.trustStoreType=PKCS12";
        // -bench.jfr=true: each server records a flight recording of its run (docs/benchmarks.md).
        // Stacks deeper than JFR's default 64 frames: a request's stack through WildFly's
        // interceptors is deeper than that, and its bottom frames say whose work a sample is.
        String recording = Boolean.getBoolean("bench.jfr") ? " -XX:FlightRecorderOptions=stackdepth=512 -XX:StartFlightRecording=filename="
                + base.getParent().resolve(name + ".jfr") + ",settings=profile,dumponexit=true" : "";
        // A log of the server's garbage collections next to its console log: pauses are what set a
        // benchmark's tail, and the log says whether they did in a given run.
        String gcLog = " -Xlog:gc:file=" + base.getParent().resolve(name + "-gc.log") + ":uptime";
        // -da:org.h2...: as arquillian.xml says, H2's own assertions stay off as in production.
        // -Dweft.it.server.java_opts: JVM options of the operator's choice to try (a garbage
        // collector's settings, say), after the defaults here so that they win.
        String extra = System.getProperty("weft.it.server.java_opts", "").trim();
        builder.environment().put("JAVA_OPTS", "-Xms128m -Xmx768m -Djava.net.preferIPv4Stack=true"
                + " -Djava.awt.headless=true -da:org.h2..." + trust + recording + gcLog + (extra.isEmpty() ? "" : " " + extra));
        builder.environment().remove("JBOSS_HOME");
        process = builder.start();
        // Should the test or benchmark JVM end without stopping it, the server goes too.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }));
        awaitReady(Duration.ofSeconds(180));
    }

    /** Changes a setting (a system property) of the running server, as an operator would with jboss-cli. */
    public void set(String name, String value) throws IOException {
        ModelNode op = new ModelNode();
        op.get("operation").set("write-attribute");
        op.get("address").add("system-property", name);
        op.get("name").set("value");
        op.get("value").set(value);
        try (ModelControllerClient client = ModelControllerClient.Factory.create("localhost", 9990 + portOffset)) {
            ModelNode result = client.execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException("Setting " + name + " on " + this.name + " failed: " + result);
            }
        }
    }

    /** Stops the server as an operator would (SIGTERM to the JVM, a graceful shutdown) and waits for it. */
    public void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            }
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start: see " + base.getParent().resolve("console.log"));
            }
            if (answers()) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " did not answer within " + timeout);
    }

    /** Whether Weft answers at this server's client URL. */
    private boolean answers() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(clientUrl() + "/_matrix/client/versions"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
        } catch (IOException notListening) {
            return false;
        }
    }

    private Path keystore() {
        return data.resolve("federation-tls.p12");
    }

    /** Runs the JDK's keytool (also for the other tests' certificates); a failure throws with its output. */
    static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            paths.forEach(source -> {
                Path relative = from.relativize(source);
                String first = relative.getNameCount() > 0 ? relative.getName(0).toString() : "";
                if (first.equals("data") || first.equals("log") || first.equals("tmp")) {
                    return;
                }
                try {
                    Path target = to.resolve(relative.toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
