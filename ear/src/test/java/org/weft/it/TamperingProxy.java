package org.weft.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A man in the middle before a real OpenID provider: it passes everything through under its own
 * address (so that discovery, keys and issuer all name the proxy), except that it rewrites the
 * payload of every ID token it sees (another subject, its own issuer) and leaves the provider's
 * signature as it was. A relying party that checks signatures must refuse such a token.
 */
final class TamperingProxy {

    private static final Pattern ID_TOKEN = Pattern.compile("\"id_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"[^\"]*\"");

    private final HttpServer server;
    private final String upstream;
    private final String upstreamAuthority;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final AtomicInteger tampered = new AtomicInteger();

    private TamperingProxy(HttpServer server, String upstreamIssuer) {
        this.server = server;
        this.upstream = upstreamIssuer;
        this.upstreamAuthority = URI.create(upstreamIssuer).getRawAuthority();
    }

    /** A proxy for the provider whose issuer URL is given, on a free local port. */
    static TamperingProxy start(String upstreamIssuer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        TamperingProxy proxy = new TamperingProxy(server, upstreamIssuer);
        server.createContext("/", proxy::handle);
        server.start();
        return proxy;
    }

    /** The issuer URL to configure: the provider's, at the proxy's address. */
    String issuer() {
        return upstream.replace(upstreamAuthority, authority());
    }

    int tampered() {
        return tampered.get();
    }

    void stop() {
        server.stop(0);
    }

    private String authority() {
        return "localhost:" + server.getAddress().getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI target = URI.create("http://" + upstreamAuthority + exchange.getRequestURI());
            byte[] body = exchange.getRequestBody().readAllBytes();
            HttpRequest.Builder request = HttpRequest.newBuilder(target).method(exchange.getRequestMethod(),
                    body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
            for (String header : List.of("Content-Type", "Authorization", "Accept")) {
                String value = exchange.getRequestHeaders().getFirst(header);
                if (value != null) {
                    request.header(header, value);
                }
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = tamper(response.body().replace(upstreamAuthority, authority()));
            response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().set("Content-Type", v));
            response.headers().firstValue("Location")
                    .ifPresent(v -> exchange.getResponseHeaders().set("Location", v.replace(upstreamAuthority, authority())));
            byte[] out = text.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.statusCode(), out.length == 0 ? -1 : out.length);
            try (OutputStream stream = exchange.getResponseBody()) {
                stream.write(out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String tamper(String body) {
        Matcher token = ID_TOKEN.matcher(body);
        if (!token.find()) {
            return body;
        }
        String[] parts = token.group(1).split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String forged = SUBJECT.matcher(payload.replace(upstreamAuthority, authority())).replaceFirst("\"sub\":\"mallory\"");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8));
        tampered.incrementAndGet();
        return body.substring(0, token.start(1)) + String.join(".", parts) + body.substring(token.end(1));
    }
}
