package org.weft.ejb.federation.inbound;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.sql.SQLException;
import org.weft.ejb.tx.BatchWriter;
import org.weft.ejb.tx.JdbcReads;
import org.weft.ejb.tx.StatementBatch;

/**
 * Transactions received from other servers (table {@code federation_inbound_txns}): "the
 * transaction ID ... is used to ensure idempotency", so a retried {@code PUT /send/{txnId}} gets the
 * answer the first one got, and its PDUs are not processed again.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class InboundTransactions {

    @Inject
    JdbcReads jdbc;

    @Inject
    BatchWriter writer;

    /**
     * The stored answer to the origin's transaction, or null when it is new. Asked for every
     * transaction received, before anything else: a read outside any transaction, in plain JDBC
     * (a new transaction and a Hibernate query for it took 0.7 ms, median, of a message's way
     * between servers in the federation benchmark).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public String answer(String origin, String txnId) {
        return jdbc.firstString("SELECT response_json FROM federation_inbound_txns WHERE origin = ? AND txn_id = ?",
                origin, txnId);
    }

    /**
     * Records the answer in the caller's transaction, with the PDUs it answers for: plain JDBC on
     * the transaction's connection. A concurrent duplicate that recorded first makes this fail on
     * the key, and the caller's transaction with it (whose PDUs that duplicate stored).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public void recordHere(String origin, String txnId, String answer) {
        try {
            writer.execute(new StatementBatch().add("INSERT INTO federation_inbound_txns (origin, txn_id, response_json,"
                    + " received_ts) VALUES (?,?,?,?)", origin, txnId, answer, System.currentTimeMillis()));
        } catch (SQLException e) {
            throw new IllegalStateException("Recording transaction " + txnId + " of " + origin + " failed", e);
        }
    }

    /** Records the answer in a transaction of its own; a concurrent duplicate that finished first keeps its own. */
    public void record(String origin, String txnId, String answer) {
        if (answer(origin, txnId) == null) {
            recordHere(origin, txnId, answer);
        }
    }
}
