package org.weft.ejb.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.weft.ejb.tx.StatementBatch;

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

        /** The outcome for a member who had joined before the event. */
        public Outcome of(String userId) {
            Outcome exception = exceptions.get(userId);
            return exception != null ? exception : userId.equals(sender) ? Outcome.NONE : common;
        }
    }

    /** Unread counts of a room: the whole room, the main timeline alone, and per thread. */
    public record Unread(Counts all, Counts main, Map<String, Counts> threads) {

        /** These counts with one more notification, in {@code thread} (null: the main timeline). */
        public Unread plus(String thread, boolean highlight) {
            if (thread == null) {
                return new Unread(all.plus(highlight), main.plus(highlight), threads);
            }
            Map<String, Counts> more = new LinkedHashMap<>(threads);
            more.merge(thread, Counts.ZERO.plus(highlight), (a, b) -> a.plus(highlight));
            return new Unread(all.plus(highlight), main, more);
        }
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

    @jakarta.annotation.Resource(lookup = "java:jboss/datasources/WeftDS")
    javax.sql.DataSource dataSource;

    /**
     * Adds an event's outcomes to the event's batch of writes (EventRows), which the send path
     * writes in one go with the event's own rows, in the caller's transaction.
     */
    public void addTo(StatementBatch batch, EventOutcomes event) {
        Object thread = event.threadId() != null ? event.threadId() : new StatementBatch.Null(Types.VARCHAR);
        if (event.common().notifies()) {
            batch.add("INSERT INTO push_events (room_id, stream_pos, event_id, sender, thread_id, highlight, actions_json,"
                    + " ts) VALUES (?,?,?,?,?,?,?,?)", event.roomId(), event.streamPos(), event.eventId(), event.sender(),
                    thread, event.common().highlight(), event.common().actionsJson(), event.ts());
        }
        for (Map.Entry<String, Outcome> exception : event.exceptions().entrySet()) {
            Outcome outcome = exception.getValue();
            batch.add("INSERT INTO push_exceptions (user_id, room_id, stream_pos, event_id, thread_id, notify, highlight,"
                    + " actions_json, ts) VALUES (?,?,?,?,?,?,?,?,?)", exception.getKey(), event.roomId(), event.streamPos(),
                    event.eventId(), thread, outcome.notifies(), outcome.highlight(), nullable(outcome.actionsJson()),
                    event.ts());
        }
    }

    private static Object nullable(String value) {
        return value != null ? value : new StatementBatch.Null(Types.VARCHAR);
    }

    /**
     * Keeps {@code push_member_since}: a join after any other membership starts a run of joins (a
     * profile change within it does not); leaving, being kicked or banned ends it.
     */
    public void membershipChanged(String roomId, String userId, boolean wasJoined, boolean joined, long position) {
        if (joined && !wasJoined) {
            em.createNativeQuery("DELETE FROM push_member_since WHERE room_id = ?1 AND user_id = ?2")
                    .setParameter(1, roomId).setParameter(2, userId).executeUpdate();
            em.createNativeQuery("INSERT INTO push_member_since (room_id, user_id, since_pos) VALUES (?1, ?2, ?3)")
                    .setParameter(1, roomId).setParameter(2, userId).setParameter(3, position).executeUpdate();
        } else if (!joined && wasJoined) {
            em.createNativeQuery("DELETE FROM push_member_since WHERE room_id = ?1 AND user_id = ?2")
                    .setParameter(1, roomId).setParameter(2, userId).executeUpdate();
        }
    }

    /**
     * The user's unread counts in a room (client-server API, "Receiving notifications"): what
     * notified them after the read receipt (m.read or m.read.private) that covers it: an
     * unthreaded receipt covers everything, a {@code main} one the main timeline, a thread's one
     * its thread. Read with plain JDBC on one connection: every woken /sync asks this for each room
     * with news, and Hibernate's native queries cost more than the reads themselves.
     */
    public Unread unread(String userId, String roomId) {
        return unread(userId, roomId, Long.MAX_VALUE - 1);
    }

    /** The counts as of stream position {@code upTo}: later events are not counted. */
    public Unread unread(String userId, String roomId, long upTo) {
        try (Connection connection = dataSource.getConnection()) {
            Map<String, Long> receipts = readPositions(connection, userId, roomId);
            // Everything up to the unthreaded receipt is read whatever its thread.
            long from = Math.max(joinPosition(connection, userId, roomId), receipts.getOrDefault("", 0L));
            Counts all = Counts.ZERO;
            Counts main = Counts.ZERO;
            Map<String, Counts> threads = new LinkedHashMap<>();
            for (Stored n : since(connection, userId, roomId, from, from, upTo + 1, Integer.MAX_VALUE, false)) {
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
        } catch (SQLException e) {
            throw new IllegalStateException("Reading unread counts failed", e);
        }
    }

    /** GET /notifications: the user's notifications before {@code before} in {@code joinedRooms}, newest first. */
    public List<Stored> notifications(String userId, List<String> joinedRooms, long before, int limit,
                                      boolean onlyHighlight) {
        try (Connection connection = dataSource.getConnection()) {
            java.util.Set<String> rooms = new java.util.LinkedHashSet<>(joinedRooms);
            // Rooms the user is not in but was notified of all the same: invites.
            try (PreparedStatement q = connection.prepareStatement(
                    "SELECT DISTINCT room_id FROM push_exceptions WHERE user_id = ?")) {
                q.setString(1, userId);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        rooms.add(r.getString(1));
                    }
                }
            }
            List<Stored> all = new ArrayList<>();
            for (String roomId : rooms) {
                // Others' events while the user is joined; the user's own outcomes (an invite, for one)
                // whenever they came. A room the user is not in shows nothing else.
                long joined = joinPosition(connection, userId, roomId);
                for (Stored n : since(connection, userId, roomId, joined, 0, before, limit, onlyHighlight)) {
                    if (!onlyHighlight || n.highlight()) {
                        all.add(n);
                    }
                }
            }
            all.sort(Comparator.comparingLong(Stored::streamPos).reversed());
            return all.size() > limit ? all.subList(0, limit) : all;
        } catch (SQLException e) {
            throw new IllegalStateException("Reading notifications failed", e);
        }
    }

    /**
     * What notified the user in a room before {@code before}, newest first: the common outcomes of
     * others' events after {@code commonAfter}, replaced by the user's exceptions after
     * {@code exceptionsAfter}. The common rows are read past {@code limit} by as many exceptions
     * as may remove one, so a page is never cut short.
     */
    private static List<Stored> since(Connection connection, String userId, String roomId, long commonAfter,
                                      long exceptionsAfter, long before, int limit, boolean onlyHighlight)
            throws SQLException {
        TreeMap<Long, Stored> byPosition = new TreeMap<>(Comparator.reverseOrder());
        List<Object[]> exceptions = new ArrayList<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT stream_pos, event_id, thread_id, notify,"
                + " highlight, actions_json, ts FROM push_exceptions WHERE user_id = ? AND room_id = ?"
                + " AND stream_pos > ? AND stream_pos < ? ORDER BY stream_pos DESC")) {
            q.setString(1, userId);
            q.setString(2, roomId);
            q.setLong(3, exceptionsAfter);
            q.setLong(4, before);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    exceptions.add(new Object[] {r.getLong(1), r.getString(2), r.getString(3), r.getBoolean(4),
                            r.getBoolean(5), r.getString(6), r.getLong(7)});
                }
            }
        }
        if (commonAfter != Long.MAX_VALUE) {
            commonRows(connection, userId, roomId, commonAfter, before,
                    limit == Integer.MAX_VALUE ? 0 : limit + exceptions.size(), onlyHighlight, byPosition);
        }
        for (Object[] e : exceptions) {
            long position = (Long) e[0];
            if ((Boolean) e[3]) {
                byPosition.put(position, new Stored(roomId, position, (String) e[1], (String) e[2], (Boolean) e[4],
                        (String) e[5], (Long) e[6]));
            } else {
                byPosition.remove(position);
            }
        }
        List<Stored> out = new ArrayList<>(byPosition.values());
        return out.size() > limit ? out.subList(0, limit) : out;
    }

    private static void commonRows(Connection connection, String userId, String roomId, long after, long before,
                                   int maxRows, boolean onlyHighlight, TreeMap<Long, Stored> into) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement("SELECT stream_pos, event_id, thread_id, highlight,"
                + " actions_json, ts FROM push_events WHERE room_id = ? AND stream_pos > ? AND stream_pos < ?"
                + " AND sender <> ?" + (onlyHighlight ? " AND highlight = TRUE" : "") + " ORDER BY stream_pos DESC")) {
            q.setString(1, roomId);
            q.setLong(2, after);
            q.setLong(3, before);
            q.setString(4, userId);
            q.setMaxRows(maxRows);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    into.put(r.getLong(1), new Stored(roomId, r.getLong(1), r.getString(2), r.getString(3),
                            r.getBoolean(4), r.getString(5), r.getLong(6)));
                }
            }
        }
    }

    /**
     * Where the user's current run of joins began, or {@code Long.MAX_VALUE} when not joined: the
     * common outcome of an event is only theirs while they are joined.
     */
    private static long joinPosition(Connection connection, String userId, String roomId) throws SQLException {
        try (PreparedStatement q = connection.prepareStatement(
                "SELECT since_pos FROM push_member_since WHERE room_id = ? AND user_id = ?")) {
            q.setString(1, roomId);
            q.setString(2, userId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getLong(1) : Long.MAX_VALUE;
            }
        }
    }

    /**
     * The stream positions of the user's read receipts in a room by thread ({@code ""} unthreaded,
     * {@code main}, or a thread root).
     */
    public Map<String, Long> readPositions(String userId, String roomId) {
        try (Connection connection = dataSource.getConnection()) {
            return readPositions(connection, userId, roomId);
        } catch (SQLException e) {
            throw new IllegalStateException("Reading receipts failed", e);
        }
    }

    private static Map<String, Long> readPositions(Connection connection, String userId, String roomId)
            throws SQLException {
        Map<String, Long> receipts = new HashMap<>();
        try (PreparedStatement q = connection.prepareStatement("SELECT r.thread_id, MAX(e.stream_ordering) FROM receipts r"
                + " JOIN events e ON e.event_id = r.event_id WHERE r.room_id = ? AND r.user_id = ?"
                + " AND r.receipt_type IN ('m.read', 'm.read.private') GROUP BY r.thread_id")) {
            q.setString(1, roomId);
            q.setString(2, userId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    receipts.put(r.getString(1), r.getLong(2));
                }
            }
        }
        return receipts;
    }

    /** Up to where a receipt covers an event of {@code thread} (null: the main timeline). */
    public static long readUpTo(Map<String, Long> receipts, String thread) {
        return Math.max(receipts.getOrDefault("", 0L), receipts.getOrDefault(thread == null ? "main" : thread, 0L));
    }
}
