package org.weft.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.weft.core.crypto.SigningKey;
import org.weft.core.federation.PublishedKeys;
import org.weft.core.federation.XMatrixAuthorization;
import org.weft.core.json.Json;

/**
 * Another homeserver, as far as a test needs one: HTTPS on a free local port with a self-signed
 * certificate for localhost (made by the JDK's keytool), server name {@code localhost:<port>}, its
 * own ed25519 key published at {@code /_matrix/key/v2/server}, and whatever other paths a test
 * registers. Every request it receives is recorded.
 */
final class FakeHomeserver implements AutoCloseable {

    /** A request as received. */
    record Received(String method, String target, String authorization, byte[] body) {

        /** The body as JSON. */
        Object json() {
            return Json.parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    private final HttpsServer server;
    // A key ID of its own: the server name is "localhost:<port>", and a port the system hands out
    // again must not meet the key Weft cached for the server that had it before.
    private final SigningKey key = SigningKey.generate("fake" + Long.toString(System.nanoTime() & 0xffffffffL, 36));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final Path keystore;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    FakeHomeserver() throws Exception {
        keystore = Files.createTempFile("fake-hs", ".p12");
        Files.delete(keystore);
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "fake", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", this::dispatch);
        route("/_matrix/key/v2/server", exchange -> json(exchange, 200,
                PublishedKeys.publish(serverName(), key, System.currentTimeMillis() + 3_600_000)));
        server.start();
    }

    String serverName() {
        return "localhost:" + server.getAddress().getPort();
    }

    SigningKey key() {
        return key;
    }

    /** Answers requests whose path (without query) is {@code path}, or starts with it when it ends with {@code *}. */
    void route(String path, HttpHandler handler) {
        routes.put(path, handler);
    }

    List<Received> received(String pathPrefix) {
        return received.stream().filter(r -> r.target().startsWith(pathPrefix)).toList();
    }

    /** The X-Matrix header this server would send for a request to {@code destination}. */
    String authorization(String method, String target, String destination, Object content) {
        return XMatrixAuthorization.sign(method, target, serverName(), destination, content, key).header();
    }

    /** As {@link #signedRequest}, for an answer that is a JSON array (the v1 membership endpoints). */
    List<?> signedArrayRequest(MatrixClient matrix, String destination, String method, String target, Object body, int status) {
        byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpResponse<byte[]> response = matrix.bytes(method, target, null, bytes, "Authorization",
                authorization(method, target, destination, body), "Content-Type", "application/json");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), method + " " + target + ": " + text);
        return (List<?>) Json.parse(text);
    }

    /**
     * A request of this server's to {@code destination} (the Weft under test, through {@code matrix}),
     * signed as the server-server API asks; its answer must have {@code status}.
     */
    Map<?, ?> signedRequest(MatrixClient matrix, String destination, String method, String target, Object body, int status) {
        byte[] bytes = body == null ? null : Json.write(body).getBytes(StandardCharsets.UTF_8);
        java.net.http.HttpResponse<byte[]> response = bytes == null
                ? matrix.bytes(method, target, null, null, "Authorization", authorization(method, target, destination, null))
                : matrix.bytes(method, target, null, bytes, "Authorization", authorization(method, target, destination, body),
                "Content-Type", "application/json");
        String text = new String(response.body(), StandardCharsets.UTF_8);
        org.junit.jupiter.api.Assertions.assertEquals(status, response.statusCode(), method + " " + target + ": " + text);
        return (Map<?, ?>) Json.parse(text);
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        bytes(exchange, status, "application/json", Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    static void bytes(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (var out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        byte[] body = exchange.getRequestBody().readAllBytes();
        exchange.setStreams(new java.io.ByteArrayInputStream(body), null);
        received.add(new Received(exchange.getRequestMethod(), target,
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        String path = exchange.getRequestURI().getRawPath();
        HttpHandler handler = routes.get(path);
        if (handler == null) {
            handler = routes.entrySet().stream()
                    .filter(e -> e.getKey().endsWith("*") && path.startsWith(e.getKey().substring(0, e.getKey().length() - 1)))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
        }
        if (handler == null) {
            json(exchange, 404, Map.of("errcode", "M_UNRECOGNIZED", "error", "Unrecognized request"));
            return;
        }
        try {
            handler.handle(exchange);
        } catch (RuntimeException e) {
            json(exchange, 500, Map.of("errcode", "M_UNKNOWN", "error", String.valueOf(e)));
        }
    }

    /** Stops the server (a test may stop it early, to see what Weft does without it); idempotent. */
    @Override
    public void close() throws IOException {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            Files.deleteIfExists(keystore);
        }
    }
}
