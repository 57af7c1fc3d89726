package org.weft.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.json.Json;

/** What the benchmark programs share: registering a user, reading JSON replies, percentiles, the report. */
final class Bench {

    private Bench() {
    }

    /** Registers a user (m.login.dummy) and returns its access token; the server's rate limits must be off. */
    static String register(BenchConnection connection, String name) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", name);
        body.put("password", "benchmark password");
        body.put("auth", Map.of("type", "m.login.dummy"));
        BenchConnection.Reply reply = connection.call("POST", "/_matrix/client/v3/register", null, Json.write(body));
        if (reply.status() != 200) {
            throw new IllegalStateException("Registration failed (rate limits on?): " + reply.body());
        }
        return (String) json(reply).get("access_token");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(BenchConnection.Reply reply) {
        return (Map<String, Object>) Json.parse(reply.body());
    }

    /** The quantile of sorted nanoseconds, in milliseconds. */
    static double millis(long[] sorted, double quantile) {
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** The benchmark's report goes to standard output: it is the program's whole purpose. */
    static void say(String format, Object... args) {
        System.out.println(String.format(format, args));
    }
}
