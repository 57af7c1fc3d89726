package org.weft.ejb.sync;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.Redaction;
import org.weft.core.event.RoomVersion;
import org.weft.core.json.DottedPath;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.RoomEventFilter;

/**
 * The parts of a sync filter ("Filtering", POST /user/{userId}/filter) that shape a response:
 * which rooms, the timeline's event filter and limit, include_leave, the state filter (with
 * lazy_load_members and include_redundant_members), whether to send account data, ephemeral
 * events and presence at all, and how to present room events (event_format, event_fields).
 */
public record SyncFilter(List<String> rooms, List<String> notRooms, RoomEventFilter timeline, int timelineLimit,
                         boolean includeLeave, RoomEventFilter state, boolean includeRedundantMembers,
                         boolean accountData, boolean ephemeral, boolean presence, List<DottedPath> eventFields,
                         boolean federationFormat) {

    /** Spec: the default timeline limit when a filter sets none (Synapse and others use 10). */
    public static final int DEFAULT_TIMELINE_LIMIT = 10;

    public static final SyncFilter NONE = new SyncFilter(null, List.of(), RoomEventFilter.NONE, DEFAULT_TIMELINE_LIMIT,
            false, RoomEventFilter.NONE, false, true, true, true, null, false);

    public static SyncFilter parse(JsonObject json) {
        JsonObject room = json.optObject("room");
        if (room == null) {
            room = JsonObject.of(Map.of());
        }
        JsonObject timelineJson = room.optObject("timeline");
        RoomEventFilter timeline = timelineJson == null ? RoomEventFilter.NONE : RoomEventFilter.parse(timelineJson);
        JsonObject state = room.optObject("state");
        List<String> notRooms = room.optStringList("not_rooms");
        return new SyncFilter(room.optStringList("rooms"), notRooms == null ? List.of() : notRooms, timeline,
                timeline.limit() != null ? timeline.limit() : DEFAULT_TIMELINE_LIMIT,
                room.optBoolean("include_leave", false),
                state == null ? RoomEventFilter.NONE : RoomEventFilter.parse(state),
                state != null && state.optBoolean("include_redundant_members", false),
                !excludesAll(json.optObject("account_data")), !excludesAll(room.optObject("ephemeral")),
                !excludesAll(json.optObject("presence")), eventFields(json), federationFormat(json));
    }

    private static List<DottedPath> eventFields(JsonObject json) {
        List<String> fields = json.optStringList("event_fields");
        return fields == null ? null : fields.stream().map(DottedPath::parse).toList();
    }

    private static boolean federationFormat(JsonObject json) {
        String format = json.optString("event_format");
        if (format != null && !format.equals("client") && !format.equals("federation")) {
            throw MatrixException.badJson("event_format must be client or federation");
        }
        return "federation".equals(format);
    }

    /**
     * A room event as this filter asks for it: the client format, or the PDU itself (as redacted,
     * when it was) with the client format's unsigned block; then only the event_fields, if any.
     */
    public Map<String, Object> present(Map<String, Object> clientEvent, Pdu pdu, RoomVersion version) {
        Map<String, Object> event = clientEvent;
        if (federationFormat) {
            boolean redacted = clientEvent.get("unsigned") instanceof Map<?, ?> u && u.containsKey("redacted_because");
            event = new LinkedHashMap<>(redacted ? Redaction.redact(pdu.json(), version) : pdu.json());
            event.put("unsigned", clientEvent.get("unsigned"));
        }
        return eventFields == null ? event : DottedPath.project(event, eventFields);
    }

    /** Whether {@link #present} changes anything. */
    public boolean reshapesEvents() {
        return federationFormat || eventFields != null;
    }

    /** A filter of {@code "types": []} or {@code "not_types": ["*"]} asks for nothing of its kind. */
    private static boolean excludesAll(JsonObject filter) {
        if (filter == null) {
            return false;
        }
        List<String> types = filter.optStringList("types");
        List<String> notTypes = filter.optStringList("not_types");
        return (types != null && types.isEmpty()) || (notTypes != null && notTypes.contains("*"));
    }

    /** The state filter's lazy_load_members. */
    public boolean lazyLoadMembers() {
        return state.lazyLoadMembers();
    }

    public boolean wantsRoom(String roomId) {
        return (rooms == null || rooms.contains(roomId)) && !notRooms.contains(roomId);
    }
}
