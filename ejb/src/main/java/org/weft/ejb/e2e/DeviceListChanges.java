package org.weft.ejb.e2e;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whose device lists a client must refresh between two stream positions (end-to-end encryption
 * module, "Extensions to /sync" and GET /keys/changes): {@code changed} holds users whose keys
 * changed and users who came to share a room with the client; {@code left} users who no longer
 * share any. Synapse-like, it counts every shared room, not only encrypted ones: a client asked to
 * re-query a user's keys loses nothing, and one never told of a new room mate would not encrypt
 * to them once the room turns encrypted.
 */
@Stateless
public class DeviceListChanges {

    /** The two lists, sorted. */
    public record Delta(List<String> changed, List<String> left) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    E2eKeysService keys;

    /** The delta for a user, finding the rooms whose membership matters itself. */
    public Delta between(String userId, long from, long to) {
        List<String> rooms = em.createQuery("select s.roomId from CurrentStateEntity s, EventEntity e"
                        + " where s.eventId = e.eventId and s.type = 'm.room.member' and s.stateKey = :me"
                        + " and (s.membership = 'join' or e.streamOrdering > :from)", String.class)
                .setParameter("me", userId).setParameter("from", from).getResultList();
        return between(userId, rooms, from, to);
    }

    /**
     * @param rooms the rooms the user is joined to, and those whose membership of the user changed
     *              in (from, to]: membership changes elsewhere cannot concern the user
     */
    public Delta between(String userId, Collection<String> rooms, long from, long to) {
        List<String> keyChanges = keys.changed(userId, from, to);
        if (rooms.isEmpty()) {
            return new Delta(keyChanges, List.of());
        }
        Set<String> candidates = new HashSet<>();
        Set<String> ownChanges = new HashSet<>();
        for (Object[] row : em.createQuery("select e.roomId, e.stateKey from EventEntity e where e.roomId in :rooms"
                        + " and e.type = 'm.room.member' and e.streamOrdering > :from and e.streamOrdering <= :to",
                        Object[].class)
                .setParameter("rooms", rooms).setParameter("from", from).setParameter("to", to).getResultList()) {
            if (userId.equals(row[1])) {
                ownChanges.add((String) row[0]);
            } else {
                candidates.add((String) row[1]);
            }
        }
        if (!ownChanges.isEmpty()) {
            // The user joined or left these rooms: everyone in them may have come or gone.
            candidates.addAll(em.createQuery("select s.stateKey from CurrentStateEntity s where s.roomId in :rooms"
                            + " and s.type = 'm.room.member' and s.membership = 'join'", String.class)
                    .setParameter("rooms", ownChanges).getResultList());
            candidates.remove(userId);
        }
        if (candidates.isEmpty()) {
            return new Delta(keyChanges, List.of());
        }
        Set<String> sharing = new HashSet<>(em.createQuery("select distinct m.stateKey from CurrentStateEntity m"
                        + " where m.type = 'm.room.member' and m.membership = 'join' and m.stateKey in :candidates"
                        + " and m.roomId in (select s.roomId from CurrentStateEntity s where s.type = 'm.room.member'"
                        + " and s.stateKey = :me and s.membership = 'join')", String.class)
                .setParameter("candidates", candidates).setParameter("me", userId).getResultList());
        Set<String> changed = new TreeSet<>(keyChanges);
        Set<String> left = new TreeSet<>();
        for (String candidate : candidates) {
            (sharing.contains(candidate) ? changed : left).add(candidate);
        }
        return new Delta(new ArrayList<>(changed), new ArrayList<>(left));
    }
}
