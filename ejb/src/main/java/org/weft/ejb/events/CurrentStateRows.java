package org.weft.ejb.events;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.core.event.StateKey;
import org.weft.persistence.rooms.CurrentStateEntity;

/**
 * The rows of {@code room_current_state}: a room's current state indexed for membership queries.
 * A local event changes one row; a remote event can change many at once, when state resolution
 * across the room's forward extremities settles differently.
 */
@Stateless
public class CurrentStateRows {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @jakarta.ejb.EJB
    EventReader reader;

    /** Records {@code pdu} as the current state for its (type, state_key). */
    public void put(String roomId, StateKey key, Pdu pdu) {
        Object value = pdu.content().get("membership");
        String membership = "m.room.member".equals(pdu.type()) && value instanceof String s ? s : null;
        CurrentStateEntity row = em.find(CurrentStateEntity.class,
                new CurrentStateEntity.CurrentStateKey(roomId, key.type(), key.stateKey()));
        if (row == null) {
            em.persist(new CurrentStateEntity(roomId, key.type(), key.stateKey(), pdu.eventId(), membership));
        } else {
            row.update(pdu.eventId(), membership);
        }
    }

    /** Moves the rows from {@code before} to {@code after}: only the entries that differ are written. */
    public void replace(String roomId, RoomState before, RoomState after) {
        for (Map.Entry<StateKey, String> entry : after.entries().entrySet()) {
            if (!entry.getValue().equals(before.get(entry.getKey()))) {
                put(roomId, entry.getKey(), reader.pdu(entry.getValue()));
            }
        }
        for (StateKey gone : before.entries().keySet()) {
            if (after.get(gone) == null) {
                CurrentStateEntity row = em.find(CurrentStateEntity.class,
                        new CurrentStateEntity.CurrentStateKey(roomId, gone.type(), gone.stateKey()));
                if (row != null) {
                    em.remove(row);
                }
            }
        }
    }
}
