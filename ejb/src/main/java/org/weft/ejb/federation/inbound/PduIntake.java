package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.federation.ServerAcl;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.json.Json;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduFormat;
import org.weft.core.pdu.PduHashes;
import org.weft.core.pdu.PduReceipt;
import org.weft.core.pdu.PduSignatures;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.EventsAside;
import org.weft.ejb.events.RemoteEventWriter;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StateStore;
import org.weft.ejb.events.StoredReceiptContext;
import org.weft.ejb.federation.RemoteServerKeys;
import org.weft.persistence.rooms.RoomEntity;

/**
 * One PDU from another server, in its own transaction (a bad PDU never undoes its neighbours in
 * a transaction): the receipt checks of the server-server API in order, with missing
 * {@code prev_events} and auth events fetched from the server that sent it (and, for a gap those
 * do not fill, the state before the event: {@link RemoteStateAt}), then the remote write
 * path. The room's lock is taken before anything is fetched, so a room's events are judged one at
 * a time and always against the state they were written on.
 */
@Stateless
public class PduIntake {

    private static final Logger LOG = Logger.getLogger(PduIntake.class);

    /**
     * What became of a PDU.
     *
     * @param eventId its ID (computed from its content from room version 3), or null when not even that is known
     * @param error   why it was dropped or rejected, or null when it is stored (soft-failed included)
     */
    public record Outcome(String eventId, String error) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    EventsAside aside;

    @EJB
    StateAtEvent stateAt;

    @EJB
    StateStore states;

    @EJB
    RemoteEventWriter writer;

    @Inject
    RemoteServerKeys keys;

    @Inject
    MissingEvents missingEvents;

    @Inject
    MissingAuthEvents missingAuth;

    @Inject
    RemoteStateAt remoteState;

    @EJB
    InboundTransactions transactions;

    /** Receives a PDU of a transaction from {@code origin}: each in a transaction of its own. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Outcome receive(ServerName origin, Map<String, Object> json) {
        return process(origin, json, true);
    }

    /**
     * Receives PDUs of one room from one transaction, in order, in one database transaction: one
     * lock and one commit for them all, where most of a PDU's cost is. A rejected PDU is an outcome
     * like any other; only a failure of ours (an exception) undoes the lot, and the caller then
     * receives them one by one ({@link #receive}), so a bad PDU still never undoes its neighbours.
     *
     * @param txnId null, or the ID of the transaction these PDUs are the whole of: its answer is then
     *              recorded in the same database transaction, kept if and only if the PDUs are (one
     *              commit less per transaction received, before the answer a waiting {@code /sync}
     *              woken by these PDUs shares)
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Outcome> receiveAll(ServerName origin, List<Map<String, Object>> jsons, String txnId) {
        List<Outcome> outcomes = new java.util.ArrayList<>(jsons.size());
        for (Map<String, Object> json : jsons) {
            outcomes.add(process(origin, json, true));
        }
        if (txnId != null) {
            transactions.recordHere(origin.toString(), txnId, Json.write(TransactionReceiver.answer(outcomes)));
        }
        return outcomes;
    }

    /** Receives a PDU in the caller's transaction (a send_join's join event, whose answer depends on it). */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Outcome receiveHere(ServerName origin, Map<String, Object> json) {
        return process(origin, json, true);
    }

    private Outcome process(ServerName origin, Map<String, Object> json, boolean fetchMissing) {
        if (!(json.get("room_id") instanceof String roomId)) {
            return new Outcome(null, "room_id is missing");
        }
        RoomEntity known = em.find(RoomEntity.class, roomId);
        RoomVersion version = known == null ? null : RoomVersion.recognised(known.getRoomVersion()).orElse(null);
        if (version == null) {
            return new Outcome(json.get("event_id") instanceof String id ? id : null, "Unknown room " + roomId);
        }
        Pdu parsed;
        PduHashes.Checked checked;
        try {
            parsed = PduFormat.parse(json, version);
        } catch (InvalidPduException e) {
            LOG.debugf("PDU from %s in %s dropped: %s", origin, roomId, e.getMessage());
            return new Outcome(json.get("event_id") instanceof String id ? id : null, e.getMessage());
        }
        try {
            PduSignatures.verify(parsed, version, keys.forRoom(version));
            checked = PduHashes.check(parsed, version);
        } catch (InvalidPduException e) {
            LOG.debugf("PDU %s from %s dropped: %s", parsed.eventId(), origin, e.getMessage());
            return new Outcome(parsed.eventId(), e.getMessage());
        }
        Pdu pdu = checked.pdu();
        RoomEntity room = events.lockRoom(roomId);
        if (reader.has(pdu.eventId())) {
            // Known already, or stored meanwhile by a concurrent receipt (a retried transaction):
            // asked under the room's lock, so once is enough.
            return new Outcome(pdu.eventId(), null);
        }
        String denied = deniedByAcl(currentState(room), origin, pdu.sender());
        if (denied != null) {
            return new Outcome(pdu.eventId(), denied);
        }
        if (fetchMissing && pdu.prevEvents().stream().anyMatch(id -> reader.pdu(id) == null)) {
            List<Map<String, Object>> earlier = missingEvents.fetch(origin, room, pdu);
            earlier.sort(Comparator.comparingLong(e -> e.get("depth") instanceof Number n ? n.longValue() : 0L));
            for (Map<String, Object> event : earlier) {
                Outcome outcome = process(origin, event, false);
                if (outcome.error() != null) {
                    LOG.debugf("Missing event %s from %s not stored: %s", outcome.eventId(), origin, outcome.error());
                }
            }
        }
        RoomState before = stateAt.before(version, pdu.prevEvents());
        if (before == null && fetchMissing) {
            // A gap get_missing_events did not fill (wider than its limit, or the server would not
            // say): the state before the event, from the server that sent it, every event checked.
            before = remoteState.fetch(origin, roomId, version, pdu.eventId(), currentState(room).get("m.room.create", ""));
        }
        if (before == null) {
            return new Outcome(pdu.eventId(), "The state before the event is not known (missing prev_events)");
        }
        if (pdu.authEvents().stream().anyMatch(id -> reader.pdu(id) == null)) {
            missingAuth.fetch(origin, version, pdu, keys.forRoom(version));
        }
        PduReceipt.Receipt receipt = PduReceipt.authorise(checked, version, new StoredReceiptContext(reader, aside, before, currentState(room)),
                StateAtEvent.RULES);
        writer.write(room, version, receipt, before);
        if (receipt.verdict() == PduReceipt.Verdict.REJECTED) {
            LOG.debugf("PDU %s from %s rejected: %s", pdu.eventId(), origin, receipt.reason());
            return new Outcome(pdu.eventId(), "Rejected: " + receipt.reason());
        }
        return new Outcome(pdu.eventId(), null);
    }

    private RoomState currentState(RoomEntity room) {
        return room.getCurrentStateGroup() == null ? RoomState.EMPTY : states.load(room.getCurrentStateGroup());
    }

    /** Server-server API, "Server Access Control Lists": the request's origin and the event's sender's server. */
    private String deniedByAcl(RoomState current, ServerName origin, String sender) {
        String aclId = current.get("m.room.server_acl", "");
        if (aclId == null) {
            return null;
        }
        Map<String, Object> acl = reader.pdu(aclId).content();
        if (!ServerAcl.allows(acl, origin)) {
            return "Server " + origin + " is denied by the room's server ACL";
        }
        try {
            ServerName senderServer = UserId.parse(sender).server();
            return ServerAcl.allows(acl, senderServer) ? null : "Server " + senderServer + " is denied by the room's server ACL";
        } catch (IllegalArgumentException e) {
            return "sender is not a user ID";
        }
    }
}
