package org.weft.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.core.json.Json;

/**
 * A minimal Matrix client for the tests: raw HTTP with java.net.http, plus the few flows most
 * tests need (register through UIA, log in).
 */
public final class MatrixClient {

    private static final AtomicLong COUNTER = new AtomicLong();

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public MatrixClient(String base) {
        this.base = base;
    }

    /** A user name no other test uses, even across runs against the same data folder. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36) + "-" + COUNTER.incrementAndGet();
    }

    public Resp get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Resp post(String path, String token, Object body) {
        return send("POST", path, token, body == null ? null : Json.write(body));
    }

    public Resp put(String path, String token, Object body) {
        return send("PUT", path, token, body == null ? null : Json.write(body));
    }

    public Resp delete(String path, String token, Object body) {
        return send("DELETE", path, token, body == null ? null : Json.write(body));
    }

    /** Sends a raw body (for malformed-JSON tests); null sends none. */
    public Resp send(String method, String path, String token, String rawBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, rawBody == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(rawBody));
        if (rawBody != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Resp(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Raw bytes both ways (media): the response body as bytes, headers as given. */
    public HttpResponse<byte[]> bytes(String method, String path, String token, byte[] body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("HTTP " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A registered and logged-in user. */
    public record Session(String userId, String accessToken, String deviceId, String password) {
    }

    /** Registers through the dummy UIA flow and returns the new session. */
    public Session register(String username, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("password", password);
        Resp challenge = post("/_matrix/client/v3/register", null, body).expect(401);
        body.put("auth", Map.of("type", "m.login.dummy", "session", challenge.str("session")));
        Resp done = post("/_matrix/client/v3/register", null, body).expect(200);
        return new Session(done.str("user_id"), done.str("access_token"), done.str("device_id"), password);
    }

    public Session registerUnique(String prefix) {
        return register(uniqueName(prefix), "correct horse battery");
    }

    public Resp login(String user, String password, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "m.login.password");
        body.put("identifier", Map.of("type", "m.id.user", "user", user));
        body.put("password", password);
        body.putAll(extra);
        return post("/_matrix/client/v3/login", null, body);
    }

    /** The m.login.password auth dict for UIA. */
    public static Map<String, Object> passwordAuth(String session, String userId, String password) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("type", "m.login.password");
        if (session != null) {
            auth.put("session", session);
        }
        auth.put("identifier", Map.of("type", "m.id.user", "user", userId));
        auth.put("password", password);
        return auth;
    }

    public static List<String> stagesOfFirstFlow(Resp challenge) {
        @SuppressWarnings("unchecked")
        Map<String, Object> flow = (Map<String, Object>) challenge.list("flows").get(0);
        @SuppressWarnings("unchecked")
        List<String> stages = (List<String>) flow.get("stages");
        return stages;
    }
}
