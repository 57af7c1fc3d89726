package org.weft.ejb.events;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.core.json.Json;
import org.weft.ejb.tx.JdbcReads;
import org.weft.persistence.rooms.EventEntity;

/**
 * Reads stored events: by ID (through the in-memory cache of parsed PDUs) and by stream range.
 */
@Stateless
public class EventReader {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    StateCache cache;

    @jakarta.ejb.EJB
    EventsAside aside;

    @Inject
    JdbcReads jdbc;

    /** The PDU of an event this server has (in a timeline or {@linkplain EventsAside aside}), or null. */
    public Pdu pdu(String eventId) {
        Pdu cached = cache.event(eventId);
        if (cached != null) {
            return cached;
        }
        EventEntity entity = entity(eventId);
        if (entity != null) {
            return toPdu(entity);
        }
        // Rejected, soft-failed and outlier events are known too: asked for by ID, they are found.
        EventsAside.AsideEvent aside = this.aside.find(eventId);
        return aside == null ? null : aside.pdu();
    }

    /**
     * Whether the database holds the event (in a timeline or aside). Unlike {@link #pdu}, never
     * answered by the cache, which may hold an event whose transaction has not committed (or never
     * will): for "have we stored this already?".
     */
    public boolean has(String eventId) {
        // One indexed column, not the whole row, and both tables in one query: every PDU received
        // is asked this, and for a new one both must answer (a profile of the federation benchmark
        // had a sixth of the receiving server's samples in these lookups, then a tenth as two queries).
        return jdbc.exists("SELECT 1 FROM events WHERE event_id = ? UNION ALL SELECT 1 FROM events_aside WHERE event_id = ?",
                eventId, eventId);
    }

    /**
     * The state group after a stored timeline event, or null when it is not in a timeline: the one
     * column the state before each received PDU needs.
     */
    public Long stateGroupOf(String eventId) {
        return jdbc.firstLong("SELECT state_group FROM events WHERE event_id = ?", eventId);
    }

    /** The stored event with its position and redaction, or null. */
    public StoredEvent stored(String eventId) {
        EventEntity entity = entity(eventId);
        return entity == null ? null : toStored(entity);
    }

    /**
     * Events of a room between two stream positions: {@code (from, to]} ascending when
     * {@code forwards}, else {@code (to, from]} descending; at most {@code limit}.
     */
    public List<StoredEvent> range(String roomId, long from, long to, boolean forwards, int limit) {
        return em.createNamedQuery(forwards ? EventEntity.ROOM_FORWARD : EventEntity.ROOM_BACKWARD, EventEntity.class)
                .setParameter("roomId", roomId).setParameter("from", from).setParameter("to", to)
                .setMaxResults(limit).getResultList().stream().map(this::toStored).toList();
    }

    /**
     * The room's events nearest the time {@code ts} (origin_server_ts) from that side: at or after it
     * when {@code forwards}, else at or before it; nearest first, at most {@code limit}.
     */
    public List<StoredEvent> nearestInTime(String roomId, long ts, boolean forwards, int limit) {
        String query = forwards
                ? "select e from EventEntity e where e.roomId = :roomId and e.originServerTs >= :ts order by e.originServerTs asc, e.streamOrdering asc"
                : "select e from EventEntity e where e.roomId = :roomId and e.originServerTs <= :ts order by e.originServerTs desc, e.streamOrdering desc";
        return em.createQuery(query, EventEntity.class).setParameter("roomId", roomId).setParameter("ts", ts)
                .setMaxResults(limit).getResultList().stream().map(this::toStored).toList();
    }

    /** The room's oldest timeline event (lowest stream position, backfilled history included), or null. */
    public StoredEvent oldest(String roomId) {
        List<EventEntity> found = em.createNamedQuery(EventEntity.ROOM_FORWARD, EventEntity.class)
                .setParameter("roomId", roomId).setParameter("from", Long.MIN_VALUE).setParameter("to", Long.MAX_VALUE)
                .setMaxResults(1).getResultList();
        return found.isEmpty() ? null : toStored(found.get(0));
    }

    /** Which of these events were redacted, and by which redaction: one query for a whole state. */
    public Map<String, String> redactedBy(java.util.Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Map.of();
        }
        Map<String, String> redacted = new java.util.HashMap<>();
        for (Object[] row : em.createQuery("select e.eventId, e.redactedBy from EventEntity e"
                        + " where e.redactedBy is not null and e.eventId in :ids", Object[].class)
                .setParameter("ids", eventIds).getResultList()) {
            redacted.put((String) row[0], (String) row[1]);
        }
        return redacted;
    }


    private StoredEvent toStored(EventEntity entity) {
        return new StoredEvent(toPdu(entity), entity.getStreamOrdering(), entity.getStateGroup(), entity.getRedactedBy());
    }

    @SuppressWarnings("unchecked")
    private Pdu toPdu(EventEntity entity) {
        Pdu cached = cache.event(entity.getEventId());
        if (cached != null) {
            return cached;
        }
        Pdu pdu = Pdu.of(entity.getEventId(), (Map<String, Object>) Json.parse(entity.getJson()));
        cache.putEvent(pdu);
        return pdu;
    }

    private EventEntity entity(String eventId) {
        List<EventEntity> found = em.createNamedQuery(EventEntity.FIND_BY_EVENT_ID, EventEntity.class)
                .setParameter("eventId", eventId).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }
}
