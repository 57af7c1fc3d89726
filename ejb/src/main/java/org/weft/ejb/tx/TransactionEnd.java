package org.weft.ejb.tx;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs work when the current transaction ends. Caches evict now and again at the end, so that a
 * reader who read the old value before the change committed cannot keep it; notifications go only
 * once a change has committed.
 */
public final class TransactionEnd {

    private TransactionEnd() {
    }

    /** Runs {@code action} now and, inside a transaction, again when it ends whatever its outcome. */
    public static void nowAndAtEnd(TransactionSynchronizationRegistry transactions, Runnable action) {
        action.run();
        if (transactions != null && transactions.getTransactionKey() != null) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    action.run();
                }
            });
        }
    }

    /** Runs {@code action} once the current transaction commits (never on rollback); outside one, at once. */
    public static void afterCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
        if (transactions == null || transactions.getTransactionKey() == null) {
            action.run();
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
