package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredEvent;
import org.weft.persistence.rooms.CurrentStateEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Who may see what in a room: current memberships, and history visibility applied to every read
 * path (client-server API, "Room history visibility": world_readable, shared, invited, joined).
 */
@Stateless
public class RoomAccess {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StateStore states;

    @EJB
    EventReader reader;

    public RoomEntity room(String roomId) {
        RoomEntity room = em.find(RoomEntity.class, roomId);
        if (room == null) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
        return room;
    }

    public RoomVersion version(RoomEntity room) {
        return RoomVersion.of(room.getRoomVersion()).orElseThrow();
    }

    /** The user's current membership (join, invite, leave, ban, knock) or null if none. */
    public String membership(String roomId, String userId) {
        CurrentStateEntity row = em.find(CurrentStateEntity.class,
                new CurrentStateEntity.CurrentStateKey(roomId, "m.room.member", userId));
        return row == null ? null : row.getMembership();
    }

    /** 403 unless the user is joined; an unknown room looks the same, so rooms cannot be probed. */
    public void requireJoined(String roomId, String userId) {
        if (!"join".equals(membership(roomId, userId))) {
            throw MatrixException.forbidden("You are not joined to this room");
        }
    }

    public RoomState currentState(RoomEntity room) {
        return room.getCurrentStateGroup() == null ? RoomState.EMPTY : states.load(room.getCurrentStateGroup());
    }

    /**
     * State events in client format, redacted ones served redacted (spec "Redactions": the
     * stripped event is what is returned from then on).
     *
     * @param onlyMembers when not null, only the m.room.member events of these users
     */
    public java.util.List<java.util.Map<String, Object>> clientState(RoomState state, RoomVersion version,
                                                                  java.util.Set<String> onlyMembers) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        state.entries().forEach((key, eventId) -> {
            if (onlyMembers == null || ("m.room.member".equals(key.type()) && onlyMembers.contains(key.stateKey()))) {
                ids.add(eventId);
            }
        });
        java.util.Map<String, String> redactions = reader.redactedBy(ids);
        long now = System.currentTimeMillis();
        java.util.List<java.util.Map<String, Object>> out = new java.util.ArrayList<>(ids.size());
        for (String eventId : ids) {
            String redactedBy = redactions.get(eventId);
            out.add(ClientEvents.format(reader.pdu(eventId), version,
                    redactedBy == null ? null : reader.pdu(redactedBy), null, null, now));
        }
        return out;
    }

    /** One state event in client format, redacted if it was. */
    public java.util.Map<String, Object> clientEvent(String eventId, RoomVersion version) {
        String redactedBy = reader.redactedBy(java.util.List.of(eventId)).get(eventId);
        return ClientEvents.format(reader.pdu(eventId), version, redactedBy == null ? null : reader.pdu(redactedBy),
                null, null, System.currentTimeMillis());
    }

    /** The content of a state event in a state, or null. */
    public java.util.Map<String, Object> content(RoomState state, String type, String stateKey) {
        String eventId = state.get(type, stateKey);
        Pdu pdu = eventId == null ? null : reader.pdu(eventId);
        return pdu == null ? null : pdu.content();
    }

    /** The room's name ({@code m.room.name}) in a state, or null when it has none. */
    public String name(RoomState state) {
        java.util.Map<String, Object> content = content(state, "m.room.name", "");
        return content != null && content.get("name") instanceof String name && !name.isBlank() ? name : null;
    }

    /** The room's history visibility in a state; "shared" when unset or not understood, as the spec says. */
    public String historyVisibility(RoomState state) {
        java.util.Map<String, Object> content = content(state, "m.room.history_visibility", "");
        Object value = content == null ? null : content.get("history_visibility");
        return switch (value instanceof String s ? s : "") {
            case "world_readable", "invited", "joined" -> (String) value;
            default -> "shared";
        };
    }

    /** A user's membership in a state, or null. */
    public String membershipIn(RoomState state, String userId) {
        java.util.Map<String, Object> content = content(state, "m.room.member", userId);
        Object value = content == null ? null : content.get("membership");
        return value instanceof String s ? s : null;
    }

    /**
     * May the user see this event? The visibility and membership "at the event" are read from the
     * state after it; the user's own membership events are always visible to them.
     *
     * @param currentMembership the user's membership now
     */
    public boolean canSee(String userId, StoredEvent event, String currentMembership) {
        Pdu pdu = event.pdu();
        if ("m.room.member".equals(pdu.type()) && userId.equals(pdu.stateKey())) {
            return true;
        }
        RoomState atEvent = states.load(event.stateGroup());
        String membershipThen = membershipIn(atEvent, userId);
        if (allows(historyVisibility(atEvent), membershipThen, currentMembership)) {
            return true;
        }
        if ("m.room.history_visibility".equals(pdu.type()) && "".equals(pdu.stateKey())) {
            // Spec ("Room History Visibility"): such an event is visible if the visibility before
            // *or* after it allows; before it is the state of its first parent.
            StoredEvent parent = pdu.prevEvents().isEmpty() ? null : reader.stored(pdu.prevEvents().get(0));
            return parent != null
                    && allows(historyVisibility(states.load(parent.stateGroup())), membershipThen, currentMembership);
        }
        return false;
    }

    /**
     * The spec's rules for one event: a history visibility, the user's membership at the event and
     * their membership now.
     */
    static boolean allows(String visibility, String membershipThen, String currentMembership) {
        if ("world_readable".equals(visibility) || "join".equals(membershipThen)) {
            return true;
        }
        return switch (visibility) {
            case "shared" -> "join".equals(currentMembership);
            case "invited" -> "invite".equals(membershipThen);
            default -> false;
        };
    }

    /**
     * Read access to a room at all: members and former members (each event then filtered by
     * {@link #canSee}), or anyone when the room is world-readable.
     */
    public String requireReadable(RoomEntity room, String userId) {
        String membership = membership(room.getRoomId(), userId);
        boolean worldReadable = "world_readable".equals(historyVisibility(currentState(room)));
        if (membership == null && !worldReadable) {
            throw MatrixException.forbidden("You are not a member of this room");
        }
        // Spec (POST /forget): once forgotten, the room's history is no longer retrievable.
        boolean gone = "leave".equals(membership) || "ban".equals(membership);
        if (gone && !worldReadable && em.find(org.weft.persistence.rooms.ForgottenRoomEntity.class,
                new org.weft.persistence.rooms.ForgottenRoomEntity.ForgottenRoomKey(userId, room.getRoomId())) != null) {
            throw MatrixException.forbidden("You have forgotten this room");
        }
        return membership;
    }
}
