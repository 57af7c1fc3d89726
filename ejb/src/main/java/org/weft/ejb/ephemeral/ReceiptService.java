package org.weft.ejb.ephemeral;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Map;
import java.util.Set;
import org.weft.core.error.MatrixException;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.events.StreamIdGenerator;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.persistence.sync.ReceiptEntity;

/**
 * Receipts and read markers (client-server API, "Receipts", "Fully read markers"): POST
 * /rooms/{roomId}/receipt/{receiptType}/{eventId} and POST /rooms/{roomId}/read_markers. A receipt
 * replaces the user's previous one of the same type and thread; m.fully_read is room account data.
 */
@Stateless
public class ReceiptService {

    public static final String READ = "m.read";
    public static final String READ_PRIVATE = "m.read.private";
    public static final String FULLY_READ = "m.fully_read";
    private static final Set<String> TYPES = Set.of(READ, READ_PRIVATE, FULLY_READ);

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    StreamIdGenerator stream;

    @EJB
    EventReader reader;

    @EJB
    RoomAccess access;

    @EJB
    AccountDataService accountData;

    @Inject
    Event<ReceiptPosted> receiptPosted;

    /** POST /rooms/{roomId}/receipt/{receiptType}/{eventId}. */
    public void receipt(String roomId, String userId, String type, String eventId, String threadId) {
        if (!TYPES.contains(type)) {
            throw MatrixException.invalidParam("Unknown receipt type " + type);
        }
        if (threadId != null && (threadId.isEmpty() || FULLY_READ.equals(type))) {
            throw MatrixException.invalidParam(threadId.isEmpty() ? "thread_id must be a non-empty string"
                    : "m.fully_read markers take no thread_id");
        }
        access.requireJoined(roomId, userId);
        requireEventIn(roomId, eventId);
        if (FULLY_READ.equals(type)) {
            accountData.put(userId, roomId, FULLY_READ, Map.of("event_id", eventId));
            return;
        }
        long ts = System.currentTimeMillis();
        store(roomId, userId, type, eventId, ts, threadId);
        if (READ.equals(type)) {
            receiptPosted.fire(new ReceiptPosted(roomId, userId, eventId, ts, threadId));
        }
    }

    /**
     * An m.read receipt from another server's m.receipt EDU (server-server API, "Receipts"): stored
     * as a local one is, also when the event has not reached this server (yet).
     *
     * @throws MatrixException when the user is not in the room
     */
    public void remote(String roomId, String userId, String eventId, long ts, String threadId) {
        access.requireJoined(roomId, userId);
        store(roomId, userId, READ, eventId, ts, threadId == null || threadId.isEmpty() ? null : threadId);
    }

    private void store(String roomId, String userId, String type, String eventId, long ts, String threadId) {
        String thread = threadId == null ? "" : threadId;
        ReceiptEntity row = em.find(ReceiptEntity.class, new ReceiptEntity.Key(roomId, userId, type, thread));
        boolean created = row == null;
        if (created) {
            row = new ReceiptEntity(roomId, userId, type, thread);
        }
        // A private receipt concerns its owner alone: wake only their syncs.
        StreamChange change = READ_PRIVATE.equals(type) ? StreamChange.user(userId) : StreamChange.room(roomId);
        row.update(eventId, ts, stream.nextPosition(change));
        if (created) {
            em.persist(row);
        }
    }

    /** POST /rooms/{roomId}/read_markers: each given marker, as if posted on its own. */
    public void markers(String roomId, String userId, String fullyRead, String read, String readPrivate) {
        if (fullyRead == null && read == null && readPrivate == null) {
            // Nothing to set is still a valid request; membership is checked all the same.
            access.requireJoined(roomId, userId);
            return;
        }
        if (fullyRead != null) {
            receipt(roomId, userId, FULLY_READ, fullyRead, null);
        }
        if (read != null) {
            receipt(roomId, userId, READ, read, null);
        }
        if (readPrivate != null) {
            receipt(roomId, userId, READ_PRIVATE, readPrivate, null);
        }
    }

    private void requireEventIn(String roomId, String eventId) {
        StoredEvent event = reader.stored(eventId);
        if (event == null || !roomId.equals(event.pdu().roomId())) {
            throw MatrixException.notFound("Unknown event " + eventId);
        }
    }
}
