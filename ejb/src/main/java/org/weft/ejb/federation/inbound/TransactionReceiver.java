package org.weft.ejb.federation.inbound;

import jakarta.ejb.EJB;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.MatrixException;
import org.weft.core.id.ServerName;
import org.weft.core.json.Json;
import org.jboss.logging.Logger;

/**
 * {@code PUT /_matrix/federation/v1/send/{txnId}} (server-server API, "Transactions"): at most 50
 * PDUs and 100 EDUs, each PDU received on its own ({@link PduIntake}), the answer
 * ({@code {"pdus": {eventId: {} or {"error": ...}}}}) kept so that a retry gets it again. EDUs are
 * accepted and not yet acted on (typing, presence, receipts and device lists come with federation
 * of ephemeral data).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class TransactionReceiver {

    private static final Logger LOG = Logger.getLogger(TransactionReceiver.class);

    /** Spec: "A transaction can contain up to 50 PDUs and 100 EDUs." */
    static final int MAX_PDUS = 50;
    static final int MAX_EDUS = 100;

    @EJB
    InboundTransactions transactions;

    @EJB
    PduIntake intake;

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
        Map<String, Object> results = new LinkedHashMap<>();
        boolean complete = true;
        for (Object item : pdus) {
            if (!(item instanceof Map<?, ?> pdu)) {
                continue;
            }
            PduIntake.Outcome outcome;
            try {
                outcome = intake.receive(origin, (Map<String, Object>) pdu);
            } catch (EJBException e) {
                // Our fault (the database, a bug), not the PDU's: answered, but not remembered, so the
                // server's retry of the transaction tries it again.
                LOG.warnf(e, "A PDU from %s could not be processed", origin);
                complete = false;
                outcome = new PduIntake.Outcome(pdu.get("event_id") instanceof String id ? id : null,
                        "Internal error; retry the transaction");
            }
            if (outcome.eventId() != null) {
                results.put(outcome.eventId(), outcome.error() == null ? Map.of() : Map.of("error", outcome.error()));
            }
        }
        Map<String, Object> answer = Map.of("pdus", results);
        if (complete) {
            transactions.record(origin.toString(), txnId, Json.write(answer));
        }
        LOG.debugf("Transaction %s from %s: %d PDUs in %.1f ms", txnId, origin, pdus.size(), (System.nanoTime() - started) / 1e6);
        return answer;
    }
}
