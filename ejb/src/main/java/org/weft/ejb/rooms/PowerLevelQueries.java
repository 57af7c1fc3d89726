package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import org.weft.core.auth.PowerLevels;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.RoomState;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Power-level questions the server asks outside the auth rules, answered from the room's current
 * state with the protocol core's {@link PowerLevels} so both read levels the same way.
 */
@Stateless
public class PowerLevelQueries {

    @EJB
    RoomAccess access;

    @EJB
    EventReader reader;

    public PowerLevels current(RoomEntity room) {
        RoomState state = access.currentState(room);
        RoomVersion version = access.version(room);
        return PowerLevels.from((type, stateKey) -> {
            String eventId = state.get(type, stateKey);
            return eventId == null ? null : reader.pdu(eventId);
        }, version);
    }

    /** Redacting someone else's event needs the room's {@code redact} level. */
    public boolean canRedactOthers(RoomEntity room, String userId) {
        PowerLevels levels = current(room);
        return levels.userLevel(userId) >= levels.redact();
    }

    /** Could the user send this state event type, as far as power levels go? */
    public boolean canSendState(RoomEntity room, String userId, String type) {
        PowerLevels levels = current(room);
        return levels.userLevel(userId) >= levels.requiredForEvent(type, true);
    }
}
