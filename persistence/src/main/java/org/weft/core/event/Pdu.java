package org.weft.core.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A persistent data unit: one room event as the event graph holds it (server-server API, "PDUs";
 * rooms/v1..v11 "Event format"). Wraps the event's JSON exactly as hashed and signed; accessors read
 * it, normalising the differences between event formats (v1/v2 list prev/auth events as
 * {@code [id, hashes]} pairs, v3+ as plain IDs; v11 moves {@code redacts} into content).
 *
 * <p>The JSON map must not be modified after construction: hashes and signatures depend on it.
 */
public final class Pdu {

    private final String eventId;
    private final Map<String, Object> json;

    private Pdu(String eventId, Map<String, Object> json) {
        this.eventId = eventId;
        this.json = Collections.unmodifiableMap(json);
    }

    /**
     * @param eventId the event ID (computed from the reference hash for v3+, or the {@code event_id}
     *                field for v1/v2)
     * @param json    the event as signed: no {@code unsigned} key, no {@code event_id} for v3+
     */
    public static Pdu of(String eventId, Map<String, Object> json) {
        return new Pdu(eventId, json);
    }

    public String eventId() {
        return eventId;
    }

    /** The event's JSON, read-only. */
    public Map<String, Object> json() {
        return json;
    }

    public String roomId() {
        return (String) json.get("room_id");
    }

    public String sender() {
        return (String) json.get("sender");
    }

    public String type() {
        return (String) json.get("type");
    }

    /** The state key, or null for a message (non-state) event. */
    public String stateKey() {
        Object key = json.get("state_key");
        return key instanceof String s ? s : null;
    }

    public boolean isState() {
        return json.get("state_key") instanceof String;
    }

    /** The content object; an empty map when the event has none. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> content() {
        Object content = json.get("content");
        return content instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    public long depth() {
        Object depth = json.get("depth");
        return depth instanceof Number n ? n.longValue() : 0L;
    }

    public long originServerTs() {
        Object ts = json.get("origin_server_ts");
        return ts instanceof Number n ? n.longValue() : 0L;
    }

    public List<String> prevEvents() {
        return eventIds(json.get("prev_events"));
    }

    public List<String> authEvents() {
        return eventIds(json.get("auth_events"));
    }

    /** The event a redaction redacts: top-level before v11, in content from v11 (either is read). */
    public String redacts() {
        Object inContent = content().get("redacts");
        if (inContent instanceof String s) {
            return s;
        }
        Object top = json.get("redacts");
        return top instanceof String s ? s : null;
    }

    /** Reads both formats: plain IDs (v3+) and {@code [id, {hashes}]} pairs (v1, v2). */
    private static List<String> eventIds(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item instanceof String s) {
                ids.add(s);
            } else if (item instanceof List<?> pair && !pair.isEmpty() && pair.get(0) instanceof String s) {
                ids.add(s);
            }
        }
        return ids;
    }

    @Override
    public String toString() {
        return "Pdu[" + eventId + " " + type() + (isState() ? " " + stateKey() : "") + "]";
    }
}
