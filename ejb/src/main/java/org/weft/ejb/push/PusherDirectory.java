package org.weft.ejb.push;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Set;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Which users have pushers at all, kept in memory so that an event notifying a thousand members
 * looks up pushers only for the few who have any. Reloaded after every change (per node: a change
 * made on another node is seen after this node's next reload; README, Known limits).
 */
@ApplicationScoped
public class PusherDirectory {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    private volatile Set<String> users;
    /** Bumped by every change: a read that raced one must not be kept. */
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    /** Users with at least one pusher. */
    public Set<String> users() {
        Set<String> known = users;
        if (known == null) {
            long readGeneration = generation.get();
            @SuppressWarnings("unchecked")
            List<String> rows = em.createNativeQuery("SELECT DISTINCT user_id FROM pushers").getResultList();
            known = Set.copyOf(rows);
            synchronized (this) {
                if (generation.get() == readGeneration) {
                    users = known;
                }
            }
        }
        return known;
    }

    @jakarta.annotation.Resource
    jakarta.transaction.TransactionSynchronizationRegistry transactions;

    /** Forgets the set now and when the changing transaction ends, so a read racing it is not kept. */
    void changed() {
        TransactionEnd.nowAndAtEnd(transactions, this::forget);
    }

    private synchronized void forget() {
        generation.incrementAndGet();
        users = null;
    }
}
