package org.weft.ejb.sync;

import java.util.List;
import org.weft.core.json.JsonObject;
import org.weft.ejb.rooms.RoomEventFilter;

/**
 * The parts of a sync filter ("Filtering", POST /user/{userId}/filter) that shape a response:
 * which rooms, the timeline's event filter and limit, include_leave, lazy_load_members and
 * include_redundant_members (of the state filter), and whether to send account data, ephemeral
 * events and presence at all.
 */
public record SyncFilter(List<String> rooms, List<String> notRooms, RoomEventFilter timeline, int timelineLimit,
                         boolean includeLeave, boolean lazyLoadMembers, boolean includeRedundantMembers,
                         boolean accountData, boolean ephemeral, boolean presence) {

    /** Spec: the default timeline limit when a filter sets none (Synapse and others use 10). */
    public static final int DEFAULT_TIMELINE_LIMIT = 10;

    public static final SyncFilter NONE = new SyncFilter(null, List.of(), RoomEventFilter.NONE, DEFAULT_TIMELINE_LIMIT,
            false, false, false, true, true, true);

    public static SyncFilter parse(JsonObject json) {
        JsonObject room = json.optObject("room");
        if (room == null) {
            room = JsonObject.of(java.util.Map.of());
        }
        JsonObject timelineJson = room.optObject("timeline");
        RoomEventFilter timeline = timelineJson == null ? RoomEventFilter.NONE : RoomEventFilter.parse(timelineJson);
        JsonObject state = room.optObject("state");
        List<String> notRooms = room.optStringList("not_rooms");
        return new SyncFilter(room.optStringList("rooms"), notRooms == null ? List.of() : notRooms, timeline,
                timeline.limit() != null ? timeline.limit() : DEFAULT_TIMELINE_LIMIT,
                room.optBoolean("include_leave", false),
                state != null && state.optBoolean("lazy_load_members", false),
                state != null && state.optBoolean("include_redundant_members", false),
                !excludesAll(json.optObject("account_data")), !excludesAll(room.optObject("ephemeral")),
                !excludesAll(json.optObject("presence")));
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

    public boolean wantsRoom(String roomId) {
        return (rooms == null || rooms.contains(roomId)) && !notRooms.contains(roomId);
    }
}
