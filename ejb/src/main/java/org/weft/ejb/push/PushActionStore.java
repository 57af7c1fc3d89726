package org.weft.ejb.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code event_push_actions} rows: written in the event's own transaction, read for unread
 * counts (rows after the user's read receipt) and for GET /notifications. Rows are written with
 * multi-row INSERTs rather than as entities: a message in a room of a thousand members makes a
 * thousand rows, and the persistence context has no business tracking them.
 */
@ApplicationScoped
public class PushActionStore {

    private static final int ROWS_PER_INSERT = 100;

    /** One member's outcome for one event. */
    public record Outcome(String userId, boolean highlight, String actionsJson) {
    }

    /** Unread counts of a room: the whole room, the main timeline alone, and per thread. */
    public record Unread(Counts all, Counts main, Map<String, Counts> threads) {
        public static final Unread NONE = new Unread(Counts.ZERO, Counts.ZERO, Map.of());
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

    /** A stored notification, for GET /notifications. */
    public record Stored(String roomId, long streamPos, String eventId, String threadId, boolean highlight,
                         String actionsJson, long ts) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** Writes the outcomes of one event (in the caller's transaction). */
    public void record(String roomId, long streamPos, String eventId, String threadId, long ts, List<Outcome> outcomes) {
        for (int from = 0; from < outcomes.size(); from += ROWS_PER_INSERT) {
            List<Outcome> chunk = outcomes.subList(from, Math.min(outcomes.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("INSERT INTO event_push_actions (user_id, room_id, stream_pos, event_id,"
                    + " thread_id, highlight, actions_json, ts) VALUES ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,?)");
            }
            Query insert = em.createNativeQuery(sql.toString());
            int p = 1;
            for (Outcome outcome : chunk) {
                insert.setParameter(p++, outcome.userId());
                insert.setParameter(p++, roomId);
                insert.setParameter(p++, streamPos);
                insert.setParameter(p++, eventId);
                insert.setParameter(p++, threadId);
                insert.setParameter(p++, outcome.highlight());
                insert.setParameter(p++, outcome.actionsJson());
                insert.setParameter(p++, ts);
            }
            insert.executeUpdate();
        }
    }

    /**
     * The user's unread counts in a room (client-server API, "Receiving notifications"): rows
     * after the read receipt (m.read or m.read.private) that covers them, an unthreaded receipt
     * covering everything, a {@code main} one the main timeline, a thread's one its thread.
     */
    public Unread unread(String userId, String roomId) {
        Map<String, Long> receipts = readPositions(userId, roomId);
        long unthreaded = receipts.getOrDefault("", 0L);
        long lowest = receipts.values().stream().mapToLong(Long::longValue).min().orElse(0L);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT thread_id, highlight, stream_pos FROM event_push_actions"
                + " WHERE user_id = ?1 AND room_id = ?2 AND stream_pos > ?3")
                .setParameter(1, userId).setParameter(2, roomId).setParameter(3, Math.min(lowest, unthreaded))
                .getResultList();
        Counts all = Counts.ZERO;
        Counts main = Counts.ZERO;
        Map<String, Counts> threads = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String thread = (String) row[0];
            boolean highlight = Boolean.TRUE.equals(row[1]);
            long position = ((Number) row[2]).longValue();
            if (position <= readUpTo(receipts, thread)) {
                continue;
            }
            all = all.plus(highlight);
            if (thread == null) {
                main = main.plus(highlight);
            } else {
                threads.merge(thread, Counts.ZERO.plus(highlight), (a, b) -> a.plus(highlight));
            }
        }
        return new Unread(all, main, threads);
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

    /** GET /notifications: the user's notifications before {@code before} (a stream position), newest first. */
    public List<Stored> notifications(String userId, long before, int limit, boolean onlyHighlight) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT room_id, stream_pos, event_id, thread_id, highlight,"
                + " actions_json, ts FROM event_push_actions WHERE user_id = ?1 AND stream_pos < ?2"
                + (onlyHighlight ? " AND highlight = TRUE" : "") + " ORDER BY stream_pos DESC")
                .setParameter(1, userId).setParameter(2, before).setMaxResults(limit).getResultList();
        List<Stored> out = new ArrayList<>();
        for (Object[] row : rows) {
            out.add(new Stored((String) row[0], ((Number) row[1]).longValue(), (String) row[2], (String) row[3],
                    Boolean.TRUE.equals(row[4]), (String) row[5], ((Number) row[6]).longValue()));
        }
        return out;
    }
}
