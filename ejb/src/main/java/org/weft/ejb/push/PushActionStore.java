package org.weft.ejb.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What push rule evaluation decided, stored compactly (V006): per event the outcome most local
 * members got ({@code push_events}, only when it notifies) and the members whose outcome differs
 * ({@code push_exceptions}). A message to a thousand members writes one row. Read back for unread
 * counts (what follows the user's read receipt and their join) and for GET /notifications.
 */
@ApplicationScoped
public class PushActionStore {

    /** One outcome: whether it notifies, highlights, and its actions as JSON. */
    public record Outcome(boolean notifies, boolean highlight, String actionsJson) {
        public static final Outcome NONE = new Outcome(false, false, "[]");
    }

    /**
     * An event's outcomes.
     *
     * @param common     what most local members got
     * @param exceptions members whose outcome differs from {@code common}
     */
    public record EventOutcomes(String roomId, long streamPos, String eventId, String sender, String threadId, long ts,
                                Outcome common, Map<String, Outcome> exceptions) {
    }

    /** Unread counts of a room: the whole room, the main timeline alone, and per thread. */
    public record Unread(Counts all, Counts main, Map<String, Counts> threads) {
    }

    /** notification_count and highlight_count. */
    public record Counts(long notifications, long highlights) {
        public static final Counts ZERO = new Counts(0, 0);

        Counts plus(boolean highlight) {
            return new Counts(notifications + 1, highlights + (highlight ? 1 : 0));
        }

        public Map<String, Object> json() {
            return Map.of("notification_count", notifications, "highlight_count", highlights);
        }
    }

    /** A notification of one user, for GET /notifications. */
    public record Stored(String roomId, long streamPos, String eventId, String threadId, boolean highlight,
                         String actionsJson, long ts) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Writes an event's outcomes (in the caller's transaction). */
    public void record(EventOutcomes event) {
        if (event.common().notifies()) {
            em.createNativeQuery("INSERT INTO push_events (room_id, stream_pos, event_id, sender, thread_id, highlight,"
                    + " actions_json, ts) VALUES (?,?,?,?,?,?,?,?)")
                    .setParameter(1, event.roomId()).setParameter(2, event.streamPos()).setParameter(3, event.eventId())
                    .setParameter(4, event.sender()).setParameter(5, event.threadId())
                    .setParameter(6, event.common().highlight()).setParameter(7, event.common().actionsJson())
                    .setParameter(8, event.ts()).executeUpdate();
        }
        for (Map.Entry<String, Outcome> exception : event.exceptions().entrySet()) {
            Outcome outcome = exception.getValue();
            Query insert = em.createNativeQuery("INSERT INTO push_exceptions (user_id, room_id, stream_pos, event_id,"
                    + " thread_id, notify, highlight, actions_json, ts) VALUES (?,?,?,?,?,?,?,?,?)");
            insert.setParameter(1, exception.getKey()).setParameter(2, event.roomId()).setParameter(3, event.streamPos())
                    .setParameter(4, event.eventId()).setParameter(5, event.threadId()).setParameter(6, outcome.notifies())
                    .setParameter(7, outcome.highlight()).setParameter(8, outcome.actionsJson())
                    .setParameter(9, event.ts()).executeUpdate();
        }
    }

    /**
     * The user's unread counts in a room (client-server API, "Receiving notifications"): what
     * notified them after the read receipt (m.read or m.read.private) that covers it: an
     * unthreaded receipt covers everything, a {@code main} one the main timeline, a thread's one
     * its thread.
     */
    public Unread unread(String userId, String roomId) {
        Map<String, Long> receipts = readPositions(userId, roomId);
        long from = Math.max(joinPosition(userId, roomId),
                Math.min(receipts.getOrDefault("", 0L), receipts.values().stream().mapToLong(Long::longValue).min().orElse(0L)));
        Counts all = Counts.ZERO;
        Counts main = Counts.ZERO;
        Map<String, Counts> threads = new LinkedHashMap<>();
        for (Stored n : since(userId, roomId, from, Long.MAX_VALUE, Integer.MAX_VALUE)) {
            if (n.streamPos() <= readUpTo(receipts, n.threadId())) {
                continue;
            }
            all = all.plus(n.highlight());
            if (n.threadId() == null) {
                main = main.plus(n.highlight());
            } else {
                threads.merge(n.threadId(), Counts.ZERO.plus(n.highlight()), (a, b) -> a.plus(n.highlight()));
            }
        }
        return new Unread(all, main, threads);
    }

    /** GET /notifications: the user's notifications before {@code before} in {@code rooms}, newest first. */
    public List<Stored> notifications(String userId, List<String> joinedRooms, long before, int limit,
                                      boolean onlyHighlight) {
        java.util.Set<String> rooms = new java.util.LinkedHashSet<>(joinedRooms);
        // Rooms the user is not in but was notified of all the same: invites.
        @SuppressWarnings("unchecked")
        List<String> elsewhere = em.createNativeQuery("SELECT DISTINCT room_id FROM push_exceptions WHERE user_id = ?1")
                .setParameter(1, userId).getResultList();
        rooms.addAll(elsewhere);
        List<Stored> all = new ArrayList<>();
        for (String roomId : rooms) {
            // From the membership event on: an invite is the invitee's first notification in a room.
            long after = joinPosition(userId, roomId);
            for (Stored n : since(userId, roomId, after == Long.MAX_VALUE ? after : after - 1, before, limit)) {
                if (!onlyHighlight || n.highlight()) {
                    all.add(n);
                }
            }
        }
        all.sort(Comparator.comparingLong(Stored::streamPos).reversed());
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    /**
     * What notified the user in a room in ({@code after}, {@code before}), newest first: the
     * common outcomes of others' events, replaced by the user's exceptions.
     */
    private List<Stored> since(String userId, String roomId, long after, long before, int limit) {
        TreeMap<Long, Stored> byPosition = new TreeMap<>(Comparator.reverseOrder());
        @SuppressWarnings("unchecked")
        List<Object[]> common = em.createNativeQuery("SELECT stream_pos, event_id, thread_id, highlight, actions_json, ts"
                + " FROM push_events WHERE room_id = ?1 AND stream_pos > ?2 AND stream_pos < ?3 AND sender <> ?4"
                + " ORDER BY stream_pos DESC").setParameter(1, roomId).setParameter(2, after).setParameter(3, before)
                .setParameter(4, userId).setMaxResults(limit).getResultList();
        for (Object[] row : common) {
            long position = ((Number) row[0]).longValue();
            byPosition.put(position, new Stored(roomId, position, (String) row[1], (String) row[2],
                    Boolean.TRUE.equals(row[3]), (String) row[4], ((Number) row[5]).longValue()));
        }
        @SuppressWarnings("unchecked")
        List<Object[]> exceptions = em.createNativeQuery("SELECT stream_pos, event_id, thread_id, notify, highlight,"
                + " actions_json, ts FROM push_exceptions WHERE user_id = ?1 AND room_id = ?2 AND stream_pos > ?3"
                + " AND stream_pos < ?4 ORDER BY stream_pos DESC").setParameter(1, userId).setParameter(2, roomId)
                .setParameter(3, after).setParameter(4, before).setMaxResults(limit).getResultList();
        for (Object[] row : exceptions) {
            long position = ((Number) row[0]).longValue();
            if (Boolean.TRUE.equals(row[3])) {
                byPosition.put(position, new Stored(roomId, position, (String) row[1], (String) row[2],
                        Boolean.TRUE.equals(row[4]), (String) row[5], ((Number) row[6]).longValue()));
            } else {
                byPosition.remove(position);
            }
        }
        List<Stored> out = new ArrayList<>(byPosition.values());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    /** Where the user's current membership began: the common outcome of earlier events was not theirs. */
    private long joinPosition(String userId, String roomId) {
        @SuppressWarnings("unchecked")
        List<Number> position = em.createNativeQuery("SELECT e.stream_ordering FROM room_current_state c"
                + " JOIN events e ON e.event_id = c.event_id WHERE c.room_id = ?1 AND c.type = 'm.room.member'"
                + " AND c.state_key = ?2").setParameter(1, roomId).setParameter(2, userId).getResultList();
        return position.isEmpty() ? Long.MAX_VALUE : position.get(0).longValue();
    }

    /**
     * The stream positions of the user's read receipts in a room by thread ({@code ""} unthreaded,
     * {@code main}, or a thread root).
     */
    public Map<String, Long> readPositions(String userId, String roomId) {
        Map<String, Long> receipts = new HashMap<>();
        @SuppressWarnings("unchecked")
        List<Object[]> read = em.createNativeQuery("SELECT r.thread_id, MAX(e.stream_ordering) FROM receipts r"
                + " JOIN events e ON e.event_id = r.event_id WHERE r.room_id = ?1 AND r.user_id = ?2"
                + " AND r.receipt_type IN ('m.read', 'm.read.private') GROUP BY r.thread_id")
                .setParameter(1, roomId).setParameter(2, userId).getResultList();
        for (Object[] row : read) {
            receipts.put((String) row[0], ((Number) row[1]).longValue());
        }
        return receipts;
    }

    /** Up to where a receipt covers an event of {@code thread} (null: the main timeline). */
    public static long readUpTo(Map<String, Long> receipts, String thread) {
        return Math.max(receipts.getOrDefault("", 0L), receipts.getOrDefault(thread == null ? "main" : thread, 0L));
    }
}
