package org.weft.ejb.federation.inbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * Transactions received from other servers (table {@code federation_inbound_txns}): "the
 * transaction ID ... is used to ensure idempotency", so a retried {@code PUT /send/{txnId}} gets the
 * answer the first one got, and its PDUs are not processed again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboundTransactions {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    /** The stored answer to the origin's transaction, or null when it is new. */
    public String answer(String origin, String txnId) {
        List<?> rows = em.createNativeQuery("SELECT response_json FROM federation_inbound_txns WHERE origin = ? AND txn_id = ?")
                .setParameter(1, origin).setParameter(2, txnId).getResultList();
        return rows.isEmpty() ? null : (String) rows.get(0);
    }

    /** Records the answer; a concurrent duplicate that finished first keeps its own. */
    public void record(String origin, String txnId, String answer) {
        if (answer(origin, txnId) == null) {
            em.createNativeQuery("INSERT INTO federation_inbound_txns (origin, txn_id, response_json, received_ts)"
                            + " VALUES (?,?,?,?)")
                    .setParameter(1, origin).setParameter(2, txnId).setParameter(3, answer)
                    .setParameter(4, System.currentTimeMillis()).executeUpdate();
        }
    }
}
