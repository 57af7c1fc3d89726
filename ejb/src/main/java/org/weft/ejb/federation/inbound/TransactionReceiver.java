package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.jboss.logging.Logger;

/**
 * {@code PUT /_matrix/federation/v1/send/{txnId}} (server-server API, "Transactions"): at most 50
 * PDUs and 100 EDUs, each PDU judged on its own ({@link PduIntake}; a room's PDUs share one
 * database transaction, and a failure of ours there has them received one by one), the answer
 * ({@code {"pdus": {eventId: {} or {"error": ...}}}}) kept so that a retry gets it again. EDUs
 * follow, each on its own ({@link EduIntake}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransactionReceiver {

    private static final Logger LOG = Logger.getLogger(TransactionReceiver.class);

    /** Spec: "A transaction can contain up to 50 PDUs and 100 EDUs." */
    static final int MAX_PDUS = 50;
    static final int MAX_EDUS = 100;

    private static final String INTERNAL_ERROR = "Internal error; retry the transaction";

    @EJB
    InboundTransactions transactions;

    @EJB
    PduIntake intake;

    @jakarta.inject.Inject
    EduIntake eduIntake;

    /**
     * @throws MatrixException 400 M_BAD_JSON for a body that is not a transaction, or one with too many entries
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> receive(ServerName origin, String txnId, Object body) {
        String stored = transactions.answer(origin.toString(), txnId);
        if (stored != null) {
            return (Map<String, Object>) Json.parse(stored);
        }
        if (!(body instanceof Map<?, ?> transaction) || !(transaction.get("pdus") instanceof List<?> pdus)) {
            throw MatrixException.badJson("A transaction is an object with a pdus array");
        }
        Object edus = transaction.get("edus");
        if (edus != null && !(edus instanceof List<?>)) {
            throw MatrixException.badJson("edus must be an array");
        }
        if (pdus.size() > MAX_PDUS || (edus instanceof List<?> list && list.size() > MAX_EDUS)) {
            throw MatrixException.badJson("A transaction holds at most " + MAX_PDUS + " PDUs and " + MAX_EDUS + " EDUs");
        }
        long started = System.nanoTime();
        Collection<List<Map<String, Object>>> rooms = byRoom(pdus);
        // One room's PDUs and no EDUs (most transactions): the answer is recorded with the PDUs,
        // in their database transaction. Otherwise it is recorded once all is done, on its own.
        boolean withPdus = rooms.size() == 1 && !(edus instanceof List<?> list && !list.isEmpty());
        boolean recorded = false;
        Map<String, Object> results = new LinkedHashMap<>();
        boolean complete = true;
        for (List<Map<String, Object>> room : rooms) {
            List<PduIntake.Outcome> outcomes;
            try {
                outcomes = intake.receiveAll(origin, room, withPdus ? txnId : null);
                recorded = withPdus;
            } catch (EJBException together) {
                // Something of ours failed on one of them: each on its own, so the others are kept.
                outcomes = new ArrayList<>(room.size());
                for (Map<String, Object> pdu : room) {
                    PduIntake.Outcome outcome = receiveOne(origin, pdu);
                    complete &= !INTERNAL_ERROR.equals(outcome.error());
                    outcomes.add(outcome);
                }
            }
            putResults(results, outcomes);
        }
        if (edus instanceof List<?> list) {
            eduIntake.receiveAll(origin, list);
        }
        Map<String, Object> answer = Map.of("pdus", results);
        if (complete && !recorded) {
            transactions.record(origin.toString(), txnId, Json.write(answer));
        }
        LOG.debugf("Transaction %s from %s: %d PDUs in %.1f ms", txnId, origin, pdus.size(), (System.nanoTime() - started) / 1e6);
        return answer;
    }

    /** The answer for these outcomes: {@code {"pdus": {eventId: {} or {"error": ...}}}}. */
    static Map<String, Object> answer(List<PduIntake.Outcome> outcomes) {
        Map<String, Object> results = new LinkedHashMap<>();
        putResults(results, outcomes);
        return Map.of("pdus", results);
    }

    private static void putResults(Map<String, Object> results, List<PduIntake.Outcome> outcomes) {
        for (PduIntake.Outcome outcome : outcomes) {
            if (outcome.eventId() != null) {
                results.put(outcome.eventId(), outcome.error() == null ? Map.of() : Map.of("error", outcome.error()));
            }
        }
    }

    /** One PDU in its own transaction; a failure of ours is answered, and the transaction then not remembered. */
    private PduIntake.Outcome receiveOne(ServerName origin, Map<String, Object> pdu) {
        try {
            return intake.receive(origin, pdu);
        } catch (EJBException e) {
            // Our fault (the database, a bug), not the PDU's: answered, but not remembered, so the
            // server's retry of the transaction tries it again.
            LOG.warnf(e, "A PDU from %s could not be processed", origin);
            return new PduIntake.Outcome(pdu.get("event_id") instanceof String id ? id : null, INTERNAL_ERROR);
        }
    }

    /** The transaction's PDUs by room, each room's in the transaction's order; entries that are not objects left out. */
    @SuppressWarnings("unchecked")
    private static Collection<List<Map<String, Object>>> byRoom(List<?> pdus) {
        Map<String, List<Map<String, Object>>> rooms = new LinkedHashMap<>();
        for (Object item : pdus) {
            if (item instanceof Map<?, ?> pdu) {
                rooms.computeIfAbsent(pdu.get("room_id") instanceof String roomId ? roomId : "", r -> new ArrayList<>())
                        .add((Map<String, Object>) pdu);
            }
        }
        return rooms.values();
    }
}
