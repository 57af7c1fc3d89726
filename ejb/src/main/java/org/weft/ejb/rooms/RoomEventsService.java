package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.events.ClientTxn;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.ratelimit.RateLimitedAction;
import org.weft.ejb.ratelimit.RateLimiter;
import org.weft.ejb.users.Requester;
import org.weft.persistence.rooms.EventEntity;
import org.weft.persistence.rooms.EventTxnEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Sending, redacting and fetching room events (client-server API, "Sending events to a room",
 * "Redactions", GET /rooms/{roomId}/event/{eventId}). Sends are idempotent per (device, txnId):
 * a retried request returns the first event and creates nothing.
 */
@Stateless
public class RoomEventsService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    RoomAccess access;

    @EJB
    RateLimiter rateLimiter;

    @EJB
    PowerLevelQueries powerLevels;

    /**
     * PUT /rooms/{roomId}/send/{eventType}/{txnId}: the event ID, new or from the first try. An
     * m.room.redaction sent this way is a redaction like any other (spec v1.18): checked, applied,
     * and with {@code redacts} moved to the top level in rooms before v11.
     */
    public String send(String roomId, Requester requester, String type, String txnId, Map<String, Object> content) {
        checkTxnId(txnId);
        rateLimiter.check(RateLimitedAction.MESSAGE, requester.userId());
        if ("m.room.redaction".equals(type)) {
            if (!(content.get("redacts") instanceof String target)) {
                throw MatrixException.missingParam("redacts");
            }
            return redact(roomId, requester, target, txnId, content, "send " + roomId + " " + type);
        }
        events.lockRoom(roomId);
        // Checked under the room's lock: a retry racing its first attempt waits for it here.
        String scope = "send " + roomId + " " + type;
        String earlier = earlierTransaction(requester, scope, txnId);
        if (earlier != null) {
            return earlier;
        }
        return events.append(roomId, requester.userId(), EventDraft.message(type, content),
                new ClientTxn(requester.userId(), requester.deviceId(), scope, txnId)).pdu().eventId();
    }

    /**
     * PUT /rooms/{roomId}/redact/{eventId}/{txnId}. The redaction is accepted if the requester sent
     * the event or has the room's redact power level; then the event is served redacted.
     */
    public String redact(String roomId, Requester requester, String eventId, String txnId, String reason) {
        checkTxnId(txnId);
        Map<String, Object> content = new LinkedHashMap<>();
        if (reason != null) {
            content.put("reason", reason);
        }
        return redact(roomId, requester, eventId, txnId, content, "redact " + roomId + " " + eventId);
    }

    private String redact(String roomId, Requester requester, String eventId, String txnId,
                          Map<String, Object> givenContent, String scope) {
        RoomEntity room = events.lockRoom(roomId);
        String earlier = earlierTransaction(requester, scope, txnId);
        if (earlier != null) {
            return earlier;
        }
        access.requireJoined(roomId, requester.userId());
        StoredEvent target = reader.stored(eventId);
        if (target == null || !roomId.equals(target.pdu().roomId())) {
            throw MatrixException.notFound("Unknown event " + eventId);
        }
        boolean own = target.pdu().sender().equals(requester.userId());
        if (!own && !powerLevels.canRedactOthers(room, requester.userId())) {
            throw MatrixException.forbidden("You may only redact your own events");
        }
        Map<String, Object> content = new LinkedHashMap<>(givenContent);
        RoomVersion version = access.version(room);
        if (version.v11RedactionAndEventFormat()) {
            content.put("redacts", eventId);
        } else {
            // Before v11 redacts is a top-level key (the draft carries it there).
            content.remove("redacts");
        }
        StoredEvent redaction = events.append(roomId, requester.userId(),
                new EventDraft("m.room.redaction", null, content, eventId),
                new ClientTxn(requester.userId(), requester.deviceId(), scope, txnId));
        EventEntity entity = em.createNamedQuery(EventEntity.FIND_BY_EVENT_ID, EventEntity.class)
                .setParameter("eventId", eventId).getSingleResult();
        if (entity.getRedactedBy() == null) {
            entity.setRedactedBy(redaction.pdu().eventId());
        }
        return redaction.pdu().eventId();
    }

    private static void checkTxnId(String txnId) {
        if (txnId.isEmpty() || txnId.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 255) {
            throw MatrixException.invalidParam("txnId must be 1 to 255 bytes");
        }
    }

    /**
     * GET /rooms/{roomId}/event/{eventId}: 404 both for unknown events and ones the user may not
     * see, in a room they cannot read too (the spec's only error: nothing tells an outsider the
     * event exists).
     */
    public Map<String, Object> event(String roomId, Requester requester, String eventId) {
        RoomEntity room = access.room(roomId);
        String membership;
        try {
            membership = access.requireReadable(room, requester.userId());
        } catch (MatrixException e) {
            throw MatrixException.notFound("Event not found");
        }
        StoredEvent stored = reader.stored(eventId);
        if (stored == null || !roomId.equals(stored.pdu().roomId())
                || !access.canSee(requester.userId(), stored, membership)) {
            throw MatrixException.notFound("Event not found");
        }
        return format(stored, access.version(room), requester);
    }

    /** The client format of a stored event, redacted if it was, with the requester's txnId. */
    public Map<String, Object> format(StoredEvent stored, RoomVersion version, Requester requester) {
        return formatAll(List.of(stored), version, requester).get(0);
    }

    /**
     * The client formats of events of one room, in order: the requester's transaction IDs are read
     * in one query for all of them (one per event made a timeline of ten events ten queries).
     */
    public List<Map<String, Object>> formatAll(List<StoredEvent> events, RoomVersion version, Requester requester) {
        return formatAll(events, version, requester, true);
    }

    /**
     * As {@link #formatAll(List, RoomVersion, Requester)}; {@code lookUpTxnIds} false skips the
     * transaction IDs, for callers that know the device has none ({@link #deviceHasTransactions}).
     */
    public List<Map<String, Object>> formatAll(List<StoredEvent> events, RoomVersion version, Requester requester,
                                               boolean lookUpTxnIds) {
        Map<Long, String> txnIds = lookUpTxnIds ? transactionsOf(requester, events) : Map.of();
        long now = System.currentTimeMillis();
        List<Map<String, Object>> out = new ArrayList<>(events.size());
        for (StoredEvent stored : events) {
            Pdu redaction = stored.redactedBy() == null ? null : reader.pdu(stored.redactedBy());
            out.add(ClientEvents.format(stored.pdu(), version, redaction, null, txnIds.get(stored.streamOrdering()), now));
        }
        return out;
    }

    private String earlierTransaction(Requester requester, String scope, String txnId) {
        EventTxnEntity txn = em.find(EventTxnEntity.class,
                new EventTxnEntity.EventTxnKey(requester.userId(), requester.deviceId(), scope, txnId));
        return txn == null ? null : txn.getEventId();
    }

    /**
     * Whether the requester's device has sent any event with a transaction ID. A new device (every
     * login's first sync) has not, and a sync of many rooms then looks up none.
     */
    public boolean deviceHasTransactions(Requester requester) {
        return requester.deviceId() != null && !em.createQuery("select t.eventStream from EventTxnEntity t"
                        + " where t.userId = :userId and t.deviceId = :deviceId and t.eventStream is not null", Long.class)
                .setParameter("userId", requester.userId()).setParameter("deviceId", requester.deviceId())
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** The requester's device's txnIds of those of these events it sent, by stream position. */
    private Map<Long, String> transactionsOf(Requester requester, List<StoredEvent> events) {
        List<Long> own = new ArrayList<>();
        for (StoredEvent event : events) {
            if (event.pdu().sender().equals(requester.userId())) {
                own.add(event.streamOrdering());
            }
        }
        if (own.isEmpty() || requester.deviceId() == null) {
            return Map.of();
        }
        Map<Long, String> txnIds = new HashMap<>();
        for (Object[] row : em.createQuery("select t.eventStream, t.txnId from EventTxnEntity t"
                        + " where t.eventStream in :positions and t.userId = :userId and t.deviceId = :deviceId", Object[].class)
                .setParameter("positions", own).setParameter("userId", requester.userId())
                .setParameter("deviceId", requester.deviceId()).getResultList()) {
            txnIds.put((Long) row[0], (String) row[1]);
        }
        return txnIds;
    }
}
