package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredEvent;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Member lists (client-server API, GET /rooms/{roomId}/members, /joined_members): from the state
 * the user may see (current, at a pagination token, or as of their leave).
 */
@Stateless
public class RoomMembersService {

    @EJB
    RoomAccess access;

    @EJB
    RoomStateService roomState;

    @EJB
    EventReader reader;

    @EJB
    StateStore states;

    /** GET /rooms/{roomId}/members?at=&membership=&not_membership=. */
    public List<Map<String, Object>> members(String roomId, String userId, String at, String membership,
                                             String notMembership) {
        RoomEntity room = access.room(roomId);
        RoomState state = roomState.visibleState(room, userId);
        if (at != null) {
            long position = StreamToken.parse(at);
            // A former member sees nothing after they left, whatever token they bring.
            String membershipNow = access.membership(roomId, userId);
            if (!"join".equals(membershipNow) && membershipNow != null) {
                StoredEvent left = reader.stored(access.currentState(room).get("m.room.member", userId));
                position = Math.min(position, left.streamOrdering());
            }
            List<StoredEvent> atOrBefore = reader.range(roomId, position, Long.MIN_VALUE, false, 1);
            if (!atOrBefore.isEmpty()) {
                state = states.load(atOrBefore.get(0).stateGroup());
            }
        }
        java.util.Set<String> selected = new java.util.HashSet<>();
        for (Map.Entry<org.weft.core.event.StateKey, String> entry : state.entries().entrySet()) {
            if (!"m.room.member".equals(entry.getKey().type())) {
                continue;
            }
            Object value = reader.pdu(entry.getValue()).content().get("membership");
            if (membership != null && !membership.equals(value)) {
                continue;
            }
            if (notMembership != null && notMembership.equals(value)) {
                continue;
            }
            selected.add(entry.getKey().stateKey());
        }
        return access.clientState(state, access.version(room), selected);
    }

    /** GET /rooms/{roomId}/joined_members: joined users with their display name and avatar. */
    public Map<String, Object> joinedMembers(String roomId, String userId) {
        RoomEntity room = access.room(roomId);
        access.requireJoined(roomId, userId);
        Map<String, Object> joined = new LinkedHashMap<>();
        access.currentState(room).entries().forEach((key, eventId) -> {
            if ("m.room.member".equals(key.type())) {
                Map<String, Object> content = reader.pdu(eventId).content();
                if ("join".equals(content.get("membership"))) {
                    Map<String, Object> profile = new LinkedHashMap<>();
                    if (content.get("displayname") instanceof String name) {
                        profile.put("display_name", name);
                    }
                    if (content.get("avatar_url") instanceof String avatar) {
                        profile.put("avatar_url", avatar);
                    }
                    joined.put(key.stateKey(), profile);
                }
            }
        });
        return joined;
    }
}
