package org.weft.ejb.sync;

import jakarta.ejb.Asynchronous;
import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Computes waiting /syncs on the EJB asynchronous pool when the notifier pokes them: from memory
 * when it can, else from the database. No transaction of its own: each database computation is
 * its own read transaction, so a second round sees what committed after the first.
 */
@Stateless
public class SyncWorker {

    private static final Logger LOG = Logger.getLogger(SyncWorker.class);

    @EJB
    SyncService sync;

    @Inject
    SyncNotifier notifier;

    /** Computes each waiter in turn; the event formatted for one serves the rest of the batch. */
    @Asynchronous
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void attemptAll(List<SyncWaiter> waiters) {
        Map<String, Map<String, Object>> formatted = new HashMap<>();
        for (SyncWaiter waiter : waiters) {
            attempt(waiter, formatted);
        }
    }

    private void attempt(SyncWaiter waiter, Map<String, Map<String, Object>> formatted) {
        try {
            boolean again;
            do {
                waiter.startAttempt();
                Set<String> roomsBefore = waiter.roomIds();
                SyncResult result = notifier.fromMemory(waiter, formatted);
                if (result == null) {
                    result = sync.sync(waiter.request());
                }
                again = waiter.attempted(result);
                if (!roomsBefore.equals(result.roomIds())) {
                    notifier.refile(waiter, roomsBefore);
                }
                if (waiter.isFinished()) {
                    notifier.forget(waiter);
                }
            } while (again);
        } catch (RuntimeException e) {
            LOG.warnf(e, "A waiting sync of %s failed; answering it with its last empty result", waiter.userId());
            waiter.failed();
            notifier.forget(waiter);
        }
    }
}
