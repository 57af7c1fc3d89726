package org.weft.ejb.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The membership reads of a sync, each in one query for all of the user's rooms instead of one per
 * room (client-server API, GET /sync: the rooms sections and each room's {@code summary}). An
 * initial sync of a thousand rooms made thousands of small queries before; these keep it at a few.
 */
@ApplicationScoped
public class SyncMemberships {

    /** Room IDs bound in one IN list: far below every database's limit on parameters. */
    private static final int ROOMS_PER_QUERY = 500;

    /** The heroes a summary lists (spec: "up to 5"). */
    static final int HEROES = 5;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** The user's current membership in a room, and where its event sits in the stream. */
    public record Membership(String roomId, String membership, String eventId, long streamOrdering) {
    }

    /** Joined and invited members of a room (spec: m.joined_member_count, m.invited_member_count). */
    public record MemberCounts(long joined, long invited) {
        static final MemberCounts NONE = new MemberCounts(0, 0);
    }

    /** Every room the user has a membership in, with that membership event's stream position. */
    public List<Membership> of(String userId) {
        List<Membership> out = new ArrayList<>();
        for (Object[] row : em.createQuery("select s.roomId, s.membership, s.eventId, e.streamOrdering"
                        + " from CurrentStateEntity s, EventEntity e where e.eventId = s.eventId"
                        + " and s.type = 'm.room.member' and s.stateKey = :userId", Object[].class)
                .setParameter("userId", userId).getResultList()) {
            out.add(new Membership((String) row[0], (String) row[1], (String) row[2], (Long) row[3]));
        }
        return out;
    }

    /** Member counts of these rooms; a room with neither joined nor invited members is absent. */
    public Map<String, MemberCounts> counts(List<String> roomIds) {
        Map<String, MemberCounts> counts = new HashMap<>();
        for (int from = 0; from < roomIds.size(); from += ROOMS_PER_QUERY) {
            List<String> rooms = roomIds.subList(from, Math.min(roomIds.size(), from + ROOMS_PER_QUERY));
            for (Object[] row : em.createQuery("select s.roomId, s.membership, count(s) from CurrentStateEntity s"
                            + " where s.roomId in :rooms and s.type = 'm.room.member' and s.membership in ('join', 'invite')"
                            + " group by s.roomId, s.membership", Object[].class)
                    .setParameter("rooms", rooms).getResultList()) {
                MemberCounts now = counts.getOrDefault((String) row[0], MemberCounts.NONE);
                long n = (Long) row[2];
                counts.put((String) row[0], "join".equals(row[1]) ? new MemberCounts(n, now.invited())
                        : new MemberCounts(now.joined(), n));
            }
        }
        return counts;
    }

    /**
     * Spec "Calculating the display name for a room": up to five joined or invited members other than
     * the user, in a stable order (by user ID), read only for the rooms that need heroes.
     */
    public List<String> heroes(String roomId, String userId) {
        return em.createQuery("select s.stateKey from CurrentStateEntity s where s.roomId = :roomId"
                        + " and s.type = 'm.room.member' and s.membership in ('join', 'invite') and s.stateKey <> :userId"
                        + " order by s.stateKey", String.class)
                .setParameter("roomId", roomId).setParameter("userId", userId).setMaxResults(HEROES).getResultList();
    }

    /**
     * Loads these rooms' rows into the transaction's persistence context in a few queries, so that
     * the per-room lookups of the same sync ({@code em.find}) are answered from memory.
     */
    public void loadRooms(List<String> roomIds) {
        for (int from = 0; from < roomIds.size(); from += ROOMS_PER_QUERY) {
            em.createQuery("select r from RoomEntity r where r.roomId in :rooms", RoomEntity.class)
                    .setParameter("rooms", roomIds.subList(from, Math.min(roomIds.size(), from + ROOMS_PER_QUERY)))
                    .getResultList();
        }
    }
}
