package org.weft.ejb.tx;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/**
 * Keeps the embedded database's file from growing by every chunk ever written (ADR 0012): once a
 * second, an fsync of the file and up to 200 ms of compaction. Non-persistent: after a restart there is nothing to catch
 * up, the next tick simply runs.
 */
@Singleton
public class CompactionTimer {

    private static final long BUDGET_MS = 200;

    @Inject
    DurableCommits durableCommits;

    @Schedule(hour = "*", minute = "*", second = "*", persistent = false, info = "weft-h2-compaction")
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void compact() {
        durableCommits.compact(BUDGET_MS);
    }
}
