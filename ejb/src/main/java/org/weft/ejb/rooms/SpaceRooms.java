package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.event.Pdu;
import org.weft.core.event.StateKey;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Rooms as space hierarchies see them (client-server API, "Spaces"; server-server API, "Spaces"):
 * a room's summary, its {@code m.space.child} events (those with a {@code via}, ordered), and who
 * may see it: a member or invitee, anyone for a world-readable room or one with a public or knock
 * join rule, and for a restricted room anyone joined to one of its allowed rooms.
 */
@Stateless
public class SpaceRooms {

    /** A room known here, as a space hierarchy shows it. */
    public record Space(String roomId, Map<String, Object> summary, List<Map<String, Object>> childrenState,
                        List<String> allowedRoomIds) {
    }

    private static final Set<String> OPEN_JOIN_RULES = Set.of("public", "knock");
    private static final Set<String> RESTRICTED_JOIN_RULES = Set.of("restricted", "knock_restricted");

    @EJB
    RoomAccess access;

    @EJB
    DirectoryService directory;

    @EJB
    EventReader reader;

    @EJB
    MembershipService memberships;

    /** The room as held here, or null when this server holds no state of it. */
    public Space local(String roomId) {
        RoomEntity room;
        try {
            room = access.room(roomId);
        } catch (org.weft.core.error.MatrixException e) {
            return null;
        }
        if (room.getCurrentStateGroup() == null) {
            return null;
        }
        RoomState state = access.currentState(room);
        List<Map<String, Object>> children = new ArrayList<>();
        for (Map.Entry<StateKey, String> entry : state.entries().entrySet()) {
            if (!"m.space.child".equals(entry.getKey().type())) {
                continue;
            }
            Pdu event = reader.pdu(entry.getValue());
            if (event != null && event.content().get("via") instanceof List<?> via && !via.isEmpty()) {
                Map<String, Object> stripped = new LinkedHashMap<>();
                stripped.put("type", event.type());
                stripped.put("state_key", event.stateKey());
                stripped.put("content", event.content());
                stripped.put("sender", event.sender());
                stripped.put("origin_server_ts", event.originServerTs());
                children.add(stripped);
            }
        }
        SpaceChildOrder.sort(children);
        List<String> allowed = new ArrayList<>();
        Map<String, Object> joinRules = access.content(state, "m.room.join_rules", "");
        if (joinRules != null && joinRules.get("allow") instanceof List<?> rules) {
            for (Object rule : rules) {
                if (rule instanceof Map<?, ?> r && "m.room_membership".equals(r.get("type")) && r.get("room_id") instanceof String id) {
                    allowed.add(id);
                }
            }
        }
        Map<String, Object> summary = directory.summary(room);
        if (!allowed.isEmpty()) {
            summary.put("allowed_room_ids", allowed);
        }
        return new Space(roomId, summary, children, allowed);
    }

    /** Whether a local user may see the room in a hierarchy. */
    public boolean visibleTo(String userId, Space space) {
        String membership = access.membership(space.roomId(), userId);
        if ("join".equals(membership) || "invite".equals(membership)) {
            return true;
        }
        if ("ban".equals(membership)) {
            return false;
        }
        return openToAll(space.summary()) || (RESTRICTED_JOIN_RULES.contains(space.summary().get("join_rule"))
                && space.allowedRoomIds().stream().anyMatch(memberships.joinedRooms(userId)::contains));
    }

    /**
     * Whether another server could peek or join the room: open to all, restricted (its users may be
     * in an allowed room), or it has a member joined.
     */
    public boolean visibleToServer(String server, Space space) {
        if (openToAll(space.summary()) || RESTRICTED_JOIN_RULES.contains(space.summary().get("join_rule"))) {
            return true;
        }
        RoomState state = access.currentState(access.room(space.roomId()));
        return state.entries().keySet().stream().anyMatch(key -> "m.room.member".equals(key.type())
                && key.stateKey().endsWith(":" + server) && "join".equals(access.membershipIn(state, key.stateKey())));
    }

    /** World-readable, or a public or knock join rule (a summary of this server's or another's). */
    public static boolean openToAll(Map<String, Object> summary) {
        return Boolean.TRUE.equals(summary.get("world_readable")) || OPEN_JOIN_RULES.contains(summary.get("join_rule"));
    }
}
