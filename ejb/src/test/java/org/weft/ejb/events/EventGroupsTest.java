package org.weft.ejb.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An event's state group, as {@link EventGroups} remembers it: the writing transaction sees it at
 * once, other transactions only once it committed, and never after a rollback.
 */
class EventGroupsTest {

    private final FakeTransactions transactions = new FakeTransactions();
    private final EventGroups groups = new EventGroups();

    @BeforeEach
    void wire() {
        groups.cache = new StateCache();
        groups.transactions = transactions;
    }

    @Test
    void aGroupWrittenInATransactionIsKnownToItAtOnceAndToOthersAfterCommit() {
        transactions.begin();
        groups.remember("$a", 7);
        assertEquals(7L, groups.find("$a"));
        transactions.end(Status.STATUS_COMMITTED);

        transactions.begin();
        assertEquals(7L, groups.find("$a"));
        transactions.end(Status.STATUS_COMMITTED);
        assertEquals(7L, groups.find("$a"), "outside a transaction too");
    }

    @Test
    void aRolledBackTransactionLeavesNothingBehind() {
        transactions.begin();
        groups.remember("$b", 9);
        groups.remember("$c", 10);
        transactions.end(Status.STATUS_ROLLEDBACK);

        transactions.begin();
        assertNull(groups.find("$b"));
        assertNull(groups.find("$c"));
        transactions.end(Status.STATUS_COMMITTED);
    }

    @Test
    void anotherOpenTransactionDoesNotSeeAnUncommittedGroup() {
        transactions.begin();
        groups.remember("$d", 11);
        Map<Object, Object> first = transactions.suspend();

        transactions.begin();
        assertNull(groups.find("$d"));
        transactions.end(Status.STATUS_COMMITTED);

        transactions.resume(first);
        transactions.end(Status.STATUS_COMMITTED);
        assertEquals(11L, groups.find("$d"));
    }

    @Test
    void withoutATransactionWhatIsReadIsCommittedAndKept() {
        groups.remember("$e", 12);
        assertEquals(12L, groups.find("$e"));
    }

    /** One transaction at a time per thread, as the container's registry presents it. */
    private static final class FakeTransactions implements TransactionSynchronizationRegistry {

        private Map<Object, Object> resources;
        private List<Synchronization> synchronizations = new ArrayList<>();
        private final Map<Map<Object, Object>, List<Synchronization>> suspended = new HashMap<>();

        void begin() {
            resources = new HashMap<>();
            synchronizations = new ArrayList<>();
        }

        void end(int status) {
            synchronizations.forEach(s -> s.afterCompletion(status));
            resources = null;
            synchronizations = new ArrayList<>();
        }

        Map<Object, Object> suspend() {
            Map<Object, Object> current = resources;
            suspended.put(current, synchronizations);
            resources = null;
            return current;
        }

        void resume(Map<Object, Object> transaction) {
            resources = transaction;
            synchronizations = suspended.remove(transaction);
        }

        @Override
        public Object getTransactionKey() {
            return resources;
        }

        @Override
        public void putResource(Object key, Object value) {
            resources.put(key, value);
        }

        @Override
        public Object getResource(Object key) {
            return resources.get(key);
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public int getTransactionStatus() {
            return resources == null ? Status.STATUS_NO_TRANSACTION : Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
