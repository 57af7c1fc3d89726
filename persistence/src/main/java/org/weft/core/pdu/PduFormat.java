package org.weft.core.pdu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.EventIds;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.RoomId;
import org.weft.core.id.UserId;
import org.weft.core.json.Json;

/**
 * Step 1 of the receipt checks: "Is a valid event, otherwise it is dropped. For an event to be
 * valid, it must comply with the event format of that room version" (server-server API; the PDU
 * definitions pdu_v1 to pdu_v12: pdu_base's required keys, prev_events and auth_events as
 * {@code [id, hashes]} pairs in v1-v2 and as IDs from v3, room_id absent from a v12 create event),
 * within the size limits (client-server API, "Size limits": 65,536 bytes of canonical JSON in all,
 * 255 bytes for type and state_key, the ID grammars' 255 for sender and room_id), with a depth
 * below the format's limit (2^63 - 1, from v6 2^53 - 1).
 *
 * <p>The event is encoded as canonical JSON to measure it, which also refuses numbers canonical
 * JSON cannot carry, in every room version: such an event could not be hashed or signed either.
 */
public final class PduFormat {

    /** Client-server API, "Size limits": the whole event as canonical JSON. */
    public static final int MAX_PDU_BYTES = 65_536;

    private static final int MAX_KEY_BYTES = 255;
    private static final long MAX_DEPTH_STRICT = (1L << 53) - 1;

    private PduFormat() {
    }

    /**
     * The event as a {@link Pdu}: its ID (computed from the reference hash from v3, the
     * {@code event_id} property before), and its JSON without {@code unsigned}, which is not part
     * of what was signed.
     *
     * @throws InvalidPduException naming what is wrong
     */
    public static Pdu parse(Map<String, Object> received, RoomVersion version) {
        Map<String, Object> json = new LinkedHashMap<>(received);
        json.remove("unsigned");
        requireString(json, "type");
        requireString(json, "sender");
        requireInteger(json, "origin_server_ts");
        requireObject(json, "content");
        requireObject(json, "hashes");
        requireObject(json, "signatures");
        if (!(((Map<?, ?>) json.get("hashes")).get("sha256") instanceof String)) {
            throw new InvalidPduException("hashes.sha256 is missing or not a string");
        }
        long depth = requireInteger(json, "depth");
        if (depth < 0 || (version.strictCanonicalJson() && depth > MAX_DEPTH_STRICT)) {
            throw new InvalidPduException("depth " + depth + " is out of range");
        }
        checkRoomId(json, version);
        checkUserId((String) json.get("sender"));
        checkLength(json, "type");
        if (json.containsKey("state_key")) {
            requireString(json, "state_key");
            checkLength(json, "state_key");
        }
        checkReferences(json, "prev_events", version);
        checkReferences(json, "auth_events", version);
        String eventId = eventId(json, version);
        int size;
        try {
            size = Json.canonicalBytes(received).length;
        } catch (MatrixException | IllegalArgumentException notCanonical) {
            throw new InvalidPduException("not representable as canonical JSON: " + notCanonical.getMessage());
        }
        if (size > MAX_PDU_BYTES) {
            throw new InvalidPduException("event is " + size + " bytes, more than " + MAX_PDU_BYTES);
        }
        return Pdu.of(eventId, json);
    }

    private static String eventId(Map<String, Object> json, RoomVersion version) {
        if (version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED) {
            String id = requireString(json, "event_id");
            if (!id.startsWith("$") || id.indexOf(':') < 0 || id.length() > MAX_KEY_BYTES) {
                throw new InvalidPduException("event_id " + id + " is not an event ID of room version " + version.id());
            }
            return id;
        }
        // From v3 the ID is the reference hash; an event_id property, if sent, is not signed and ignored.
        json.remove("event_id");
        try {
            return EventIds.referenceHashEventId(json, version);
        } catch (MatrixException notCanonical) {
            throw new InvalidPduException("not representable as canonical JSON: " + notCanonical.getMessage());
        }
    }

    private static void checkRoomId(Map<String, Object> json, RoomVersion version) {
        boolean create = "m.room.create".equals(json.get("type"));
        if (version.hashedRoomIds() && create) {
            if (json.containsKey("room_id")) {
                throw new InvalidPduException("an m.room.create event of room version 12 has no room_id");
            }
            return;
        }
        String roomId = requireString(json, "room_id");
        try {
            RoomId parsed = RoomId.parse(roomId);
            if (version.hashedRoomIds() != (parsed.server() == null)) {
                throw new InvalidPduException("room_id " + roomId + " is not a room ID of room version " + version.id());
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidPduException("room_id is not a room ID: " + e.getMessage());
        }
    }

    private static void checkUserId(String sender) {
        try {
            UserId.parse(sender);
        } catch (IllegalArgumentException e) {
            throw new InvalidPduException("sender is not a user ID: " + e.getMessage());
        }
    }

    /** prev_events and auth_events: IDs from v3, {@code [id, {hashes}]} pairs in v1 and v2. */
    private static void checkReferences(Map<String, Object> json, String key, RoomVersion version) {
        if (!(json.get(key) instanceof List<?> list)) {
            throw new InvalidPduException(key + " is missing or not an array");
        }
        boolean pairs = version.eventIdFormat() == RoomVersion.EventIdFormat.SERVER_ASSIGNED;
        for (Object item : list) {
            boolean valid = pairs
                    ? item instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String first
                            && first.startsWith("$") && pair.get(1) instanceof Map<?, ?>
                    : item instanceof String id && id.startsWith("$");
            if (!valid) {
                throw new InvalidPduException(key + " has an entry that is not an event reference of room version "
                        + version.id());
            }
        }
    }

    private static String requireString(Map<String, Object> json, String key) {
        if (!(json.get(key) instanceof String value)) {
            throw new InvalidPduException(key + " is missing or not a string");
        }
        return value;
    }

    private static long requireInteger(Map<String, Object> json, String key) {
        Object value = json.get(key);
        if (!(value instanceof Long || value instanceof Integer)) {
            throw new InvalidPduException(key + " is missing or not an integer");
        }
        return ((Number) value).longValue();
    }

    private static void requireObject(Map<String, Object> json, String key) {
        if (!(json.get(key) instanceof Map<?, ?>)) {
            throw new InvalidPduException(key + " is missing or not an object");
        }
    }

    private static void checkLength(Map<String, Object> json, String key) {
        String value = (String) json.get(key);
        if (value.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_KEY_BYTES) {
            throw new InvalidPduException(key + " is longer than " + MAX_KEY_BYTES + " bytes");
        }
    }
}
