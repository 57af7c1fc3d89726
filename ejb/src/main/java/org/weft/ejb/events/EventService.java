package org.weft.ejb.events;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.AuthEventSelection;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.EventAuthRules;
import org.weft.core.crypto.EventSigner;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.json.Json;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.keys.ServerKeys;
import org.weft.ejb.tx.StatementBatch;
import org.weft.persistence.rooms.RoomEntity;

/**
 * The single write path of room events (architecture: "the way a message travels"): build the PDU
 * on the room's forward extremities with auth events chosen by the spec's rules, hash and sign it,
 * authorise it against the room's current state, and persist it with its graph edges, state and
 * stream position, all in the caller's transaction. Writes are serialised per room by a row lock
 * on the room, never across the server, so concurrent senders never fork or reorder a room's graph.
 */
@Stateless
public class EventService {

    /** Transaction resource key prefix marking a room whose row lock this transaction holds. */
    private static final String ROOM_LOCK = "weft.room-lock ";

    /** Spec: a PDU may be at most 65536 bytes of canonical JSON. */
    static final int MAX_PDU_BYTES = 65_536;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    ServerKeys keys;

    @EJB
    StreamIdGenerator ids;

    @EJB
    StateStore states;

    @EJB
    EventReader reader;

    @Inject
    StateCache cache;

    @Inject
    EventRows rows;

    @EJB
    CurrentStateRows currentRows;

    @Inject
    jakarta.enterprise.event.Event<EventStored> stored;

    @Inject
    org.weft.ejb.push.PushEvaluator push;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /**
     * Appends a local user's event to a room.
     *
     * @throws MatrixException M_FORBIDDEN with the auth rule's reason when the rules refuse it
     */
    public StoredEvent append(String roomId, String sender, EventDraft draft) {
        return append(roomId, sender, draft, null);
    }

    /**
     * Appends a local user's event sent with a client transaction ID, which is stored with the
     * event (the caller has checked, under the room's lock, that the ID is new).
     *
     * @param txn the client's transaction ID, or null
     * @throws MatrixException M_FORBIDDEN with the auth rule's reason when the rules refuse it
     */
    public StoredEvent append(String roomId, String sender, EventDraft draft, ClientTxn txn) {
        return append(roomId, sender, draft, txn, null);
    }

    /**
     * As {@link #append(String, String, EventDraft, ClientTxn)}, with a step before the event is
     * stored (an invite countersigned by the invitee's server).
     *
     * @param beforeStore may add signatures to the authorised event; null for none
     */
    public StoredEvent append(String roomId, String sender, EventDraft draft, ClientTxn txn, BeforeStore beforeStore) {
        checkSizes(draft);
        RoomEntity room = lockRoom(roomId);
        RoomVersion version = RoomVersion.of(room.getRoomVersion())
                .orElseThrow(() -> new IllegalStateException("Room " + roomId + " has unknown version"));
        RoomState current = currentState(room);

        Pdu pdu = build(room, version, current, sender, draft);
        // The stored form: compact JSON, which has the canonical form's length (only key order
        // differs), so it also serves the spec's size limit without a second serialisation.
        String json = Json.write(pdu.json());
        if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_PDU_BYTES) {
            throw MatrixException.tooLarge("Event is larger than " + MAX_PDU_BYTES + " bytes");
        }
        authorise(pdu, version, current);
        if (beforeStore != null) {
            Pdu completed = beforeStore.apply(pdu, version, current);
            if (!completed.eventId().equals(pdu.eventId())) {
                throw new IllegalStateException("A step before storing changed the event's ID");
            }
            pdu = completed;
            json = Json.write(pdu.json());
        }
        return persist(room, version, current, pdu, json, txn);
    }

    /** Spec "Size limits": type and state_key at most 255 bytes each. */
    private static void checkSizes(EventDraft draft) {
        if (utf8Length(draft.type()) > 255 || (draft.stateKey() != null && utf8Length(draft.stateKey()) > 255)) {
            throw MatrixException.invalidParam("Event type and state key must be at most 255 bytes");
        }
    }

    static int utf8Length(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /**
     * Locks the room's row until the transaction ends: the per-room write serialisation. A second
     * call in the same transaction returns the row it already holds: the lock is still ours and the
     * managed entity already carries this transaction's own changes, so there is nothing to re-read.
     */
    public RoomEntity lockRoom(String roomId) {
        Object lockKey = ROOM_LOCK + roomId;
        if (transactions.getResource(lockKey) instanceof RoomEntity held && em.contains(held)) {
            return held;
        }
        RoomEntity room = takeRoomLock(roomId);
        transactions.putResource(lockKey, room);
        return room;
    }

    private RoomEntity takeRoomLock(String roomId) {
        RoomEntity reference = em.getReference(RoomEntity.class, roomId);
        if (em.getEntityManagerFactory().getPersistenceUnitUtil().isLoaded(reference)) {
            // Already read earlier in this transaction: taking the lock would not re-read the row,
            // so refresh it under the lock, or a concurrent writer's extremities would be lost. Our
            // own pending changes (an earlier event of this transaction) are flushed first.
            em.flush();
            em.refresh(reference, LockModeType.PESSIMISTIC_WRITE);
            return reference;
        }
        RoomEntity room = em.find(RoomEntity.class, roomId, LockModeType.PESSIMISTIC_WRITE);
        if (room == null) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
        return room;
    }

    private Pdu build(RoomEntity room, RoomVersion version, RoomState current, String sender, EventDraft draft) {
        String origin = settings.serverName().toString();
        return EventSigner.finish(template(room, version, current, sender, draft, origin), version, origin,
                keys.signingKey());
    }

    /**
     * An event as it would go on the room now, before hashes and signatures: on the forward
     * extremities, with the auth events the spec's selection names from {@code current} (also the
     * template a {@code make_join} or {@code make_leave} gives another server to sign).
     *
     * @param origin the server creating the event (its {@code origin} field before room version 11)
     */
    public Map<String, Object> template(RoomEntity room, RoomVersion version, RoomState current, String sender,
                                        EventDraft draft, String origin) {
        List<String> prevEvents = room.getForwardExtremities();
        List<String> authEvents = new ArrayList<>();
        for (StateKey key : AuthEventSelection.required(draft.type(), draft.stateKey(), sender, draft.content(), version)) {
            String eventId = current.get(key);
            if (eventId != null && !authEvents.contains(eventId)) {
                authEvents.add(eventId);
            }
        }
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("room_id", room.getRoomId());
        event.put("sender", sender);
        event.put("type", draft.type());
        if (draft.stateKey() != null) {
            event.put("state_key", draft.stateKey());
        }
        event.put("content", draft.content());
        // Room versions 1 and 2 refer to events as [id, {sha256}] pairs.
        event.put("prev_events", org.weft.core.crypto.EventReferences.of(prevEvents, version, reader::pdu));
        event.put("auth_events", org.weft.core.crypto.EventReferences.of(authEvents, version, reader::pdu));
        event.put("depth", prevEvents.isEmpty() ? 1L : room.getMaxDepth() + 1);
        event.put("origin_server_ts", System.currentTimeMillis());
        if (draft.redacts() != null && !version.v11RedactionAndEventFormat()) {
            event.put("redacts", draft.redacts());
        }
        if (!version.v11RedactionAndEventFormat()) {
            event.put("origin", origin);
        }
        return event;
    }

    private void authorise(Pdu pdu, RoomVersion version, RoomState current) {
        try {
            EventAuthRules.check(pdu, version, (type, stateKey) -> {
                String eventId = current.get(type, stateKey);
                return eventId == null ? null : pdu(eventId);
            });
        } catch (AuthorizationException e) {
            throw MatrixException.forbidden(e.getMessage());
        }
    }

    /** The room's current state; the cache answers without a bean call in the usual case. */
    public RoomState currentState(RoomEntity room) {
        Long group = room.getCurrentStateGroup();
        if (group == null) {
            return RoomState.EMPTY;
        }
        RoomState cached = cache.group(group);
        return cached != null ? cached : states.load(group);
    }

    private Pdu pdu(String eventId) {
        Pdu cached = cache.event(eventId);
        return cached != null ? cached : reader.pdu(eventId);
    }

    private StoredEvent persist(RoomEntity room, RoomVersion version, RoomState current, Pdu pdu, String json,
                                ClientTxn txn) {
        StreamChange.NewEvent announced = new StreamChange.NewEvent(pdu, version, current.get("m.room.member", pdu.sender()),
                new java.util.concurrent.atomic.AtomicReference<>());
        long position = ids.nextEventPosition(StreamChange.event(room.getRoomId(),
                "m.room.member".equals(pdu.type()) ? pdu.stateKey() : null, announced));
        Long stateGroup = room.getCurrentStateGroup();
        if (pdu.isState()) {
            StateKey key = new StateKey(pdu.type(), pdu.stateKey());
            stateGroup = states.store(room.getRoomId(), stateGroup, current, key, pdu.eventId());
            currentRows.put(room.getRoomId(), key, pdu);
        }
        // The event's rows, the room's new extremity, the push outcomes and the transaction ID
        // are written together: one round trip on PostgreSQL (EventRows).
        StatementBatch writes = new StatementBatch();
        rows.addEvent(writes, position, pdu, stateGroup, json);
        // The new event is now the room's only forward extremity: local writes never fork.
        room.advance(pdu.eventId(), pdu.depth(), stateGroup);
        rows.addRoomAdvance(writes, room);
        if (txn != null) {
            rows.addTransaction(writes, txn, pdu.eventId(), position);
        }
        cache.putEvent(pdu);
        // Push rules in the same transaction: unread counts never lag the timeline.
        announced.push().set(push.evaluate(version, current, pdu, position, writes));
        rows.write(writes, pdu.eventId());
        stored.fire(new EventStored(pdu, version, true));
        return new StoredEvent(pdu, position, stateGroup, null);
    }
}
