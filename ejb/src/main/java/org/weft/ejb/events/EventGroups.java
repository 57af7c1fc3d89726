package org.weft.ejb.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Which state group each event was stored with, remembered so that the state before a new event
 * (the groups of its {@code prev_events}) is found without a query: every PDU received asks it,
 * and its parent is nearly always the event received just before. An event's group never changes
 * once written, so the answer may be kept; but one written by the current transaction is only
 * known to that transaction until it commits (a rolled-back event must not be found), so it waits
 * in the transaction's own map and joins the shared cache ({@link StateCache}) at commit.
 */
@ApplicationScoped
public class EventGroups {

    private static final String PENDING = "weft.event-groups";

    @Inject
    StateCache cache;

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The state group of an event stored by this transaction or committed earlier, or null when not remembered. */
    public Long find(String eventId) {
        Map<String, Long> pending = pending(false);
        Long group = pending == null ? null : pending.get(eventId);
        return group != null ? group : cache.groupOfEvent(eventId);
    }

    /**
     * Remembers an event's group: one just written, or one read from the database (which, read
     * inside this transaction, may be this transaction's own uncommitted row, so it waits too).
     */
    public void remember(String eventId, long group) {
        Map<String, Long> pending = pending(true);
        if (pending == null) {
            cache.putGroupOfEvent(eventId, group); // no transaction: what was read is committed
        } else {
            pending.put(eventId, group);
        }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Long> pending(boolean create) {
        if (transactions.getTransactionKey() == null) {
            return null;
        }
        Map<String, Long> pending = (Map<String, Long>) transactions.getResource(PENDING);
        if (pending == null && create) {
            Map<String, Long> created = new HashMap<>();
            transactions.putResource(PENDING, created);
            TransactionEnd.afterCommit(transactions, () -> created.forEach(cache::putGroupOfEvent));
            pending = created;
        }
        return pending;
    }
}
