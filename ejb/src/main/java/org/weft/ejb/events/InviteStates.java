package org.weft.ejb.events;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import org.weft.core.json.Json;

/**
 * The stripped state another server sent with an invite (table {@code invite_room_state}, keyed by
 * the invite event): all the invitee can see of a room this server does not hold.
 */
@Stateless
public class InviteStates {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Records what came with an invite, in the caller's transaction. */
    public void store(String inviteEventId, List<Map<String, Object>> stripped) {
        if (find(inviteEventId) == null) {
            em.createNativeQuery("INSERT INTO invite_room_state (event_id, stripped_json) VALUES (?,?)")
                    .setParameter(1, inviteEventId).setParameter(2, Json.write(stripped)).executeUpdate();
        }
    }

    /** What came with this invite, or null when it was not an invite from another server. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> find(String inviteEventId) {
        List<?> rows = em.createNativeQuery("SELECT stripped_json FROM invite_room_state WHERE event_id = ?")
                .setParameter(1, inviteEventId).getResultList();
        return rows.isEmpty() ? null : (List<Map<String, Object>>) Json.parse((String) rows.get(0));
    }
}
