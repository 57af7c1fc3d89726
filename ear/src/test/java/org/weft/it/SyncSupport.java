package org.weft.it;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/** Helpers for tests that read /sync responses: navigating rooms, timelines and ephemeral events. */
abstract class SyncSupport extends WeftIT {

    protected String createRoom(String token, Map<String, Object> body) {
        return matrix.post("/_matrix/client/v3/createRoom", token, body).expect(200).str("room_id");
    }

    protected String send(String token, String roomId, String text) {
        return matrix.put("/_matrix/client/v3/rooms/" + roomId + "/send/m.room.message/" + MatrixClient.uniqueName("t"),
                token, Map.of("msgtype", "m.text", "body", text)).expect(200).str("event_id");
    }

    protected Resp sync(String token, String since, String query) {
        StringBuilder path = new StringBuilder("/_matrix/client/v3/sync?timeout=0");
        if (since != null) {
            path.append("&since=").append(since);
        }
        if (query != null) {
            path.append('&').append(query);
        }
        return matrix.get(path.toString(), token);
    }

    /** A long-polling sync in the background. */
    protected CompletableFuture<Resp> waitingSync(String token, String since, long timeoutMs) {
        return CompletableFuture.supplyAsync(() -> matrix.get("/_matrix/client/v3/sync?since=" + since
                + "&timeout=" + timeoutMs, token));
    }

    /** Syncs repeatedly (each waiting up to a second) until {@code done} holds; fails after 20 s. */
    protected Resp syncUntil(String token, String since, Predicate<Resp> done) {
        long deadline = System.currentTimeMillis() + 20_000;
        String token0 = since;
        while (System.currentTimeMillis() < deadline) {
            Resp r = matrix.get("/_matrix/client/v3/sync?timeout=1000" + (token0 == null ? "" : "&since=" + token0), token)
                    .expect(200);
            if (done.test(r)) {
                return r;
            }
            token0 = r.str("next_batch");
        }
        throw new AssertionError("sync never showed what the test waited for");
    }

    protected static String filter(String json) {
        return "filter=" + URLEncoder.encode(json, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> section(Resp sync, String kind, String roomId) {
        Map<String, Object> rooms = (Map<String, Object>) sync.get("rooms");
        return (Map<String, Object>) ((Map<String, Object>) rooms.get(kind)).get(roomId);
    }

    @SuppressWarnings("unchecked")
    protected static Map<String, Object> timeline(Resp sync, String roomId) {
        return (Map<String, Object>) section(sync, "join", roomId).get("timeline");
    }

    @SuppressWarnings("unchecked")
    protected static List<String> bodies(Resp sync, String roomId) {
        List<String> bodies = new ArrayList<>();
        Map<String, Object> joined = section(sync, "join", roomId);
        if (joined == null) {
            return bodies;
        }
        for (Object e : (List<Object>) ((Map<String, Object>) joined.get("timeline")).get("events")) {
            Map<String, Object> event = (Map<String, Object>) e;
            if ("m.room.message".equals(event.get("type"))) {
                bodies.add((String) ((Map<String, Object>) event.get("content")).get("body"));
            }
        }
        return bodies;
    }

    @SuppressWarnings("unchecked")
    protected static List<Map<String, Object>> events(Map<String, Object> section, String part) {
        if (section == null) {
            return List.of();
        }
        return (List<Map<String, Object>>) ((Map<String, Object>) section.get(part)).get("events");
    }

    protected static Map<String, Object> ephemeral(Resp sync, String roomId, String type) {
        return events(section(sync, "join", roomId), "ephemeral").stream()
                .filter(e -> type.equals(e.get("type"))).findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    protected static List<String> typers(Resp sync, String roomId) {
        Map<String, Object> typing = ephemeral(sync, roomId, "m.typing");
        return typing == null ? null : (List<String>) ((Map<String, Object>) typing.get("content")).get("user_ids");
    }

    protected static List<String> types(List<Map<String, Object>> events) {
        return events.stream().map(e -> (String) e.get("type")).toList();
    }
}
