package org.weft.ejb.tx;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Group commit for the embedded H2 database (ADR 0012). With {@code WRITE_DELAY=0} H2 writes a new
 * chunk of every B-tree page a transaction touched at each commit: on the send path that is about
 * 100 KB per message, and with no background thread nothing ever compacts the file. Attached, this
 * class lets H2's background writer run (for what answers nobody) and instead writes the store
 * itself when a response is about to be sent: every change committed before the response then is
 * in the file, as with {@code WRITE_DELAY=0}, but the writers of one moment share one chunk. It also
 * has the file compacted ({@link H2Compaction}), which H2's own housekeeping does not do while the
 * database is busy.
 *
 * <p>The only class that touches H2's engine API; it is loaded only when the datasource is H2.
 */
final class H2GroupCommit {

    /** H2's background writer then stores on its own at most this long after a commit, and compacts. */
    static final int BACKGROUND_WRITE_DELAY_MS = 1000;

    /** How often a leader waiting for other writers looks again. */
    private static final long RECHECK_NANOS = TimeUnit.MICROSECONDS.toNanos(200);

    private final MVStore store;
    private final TransactionStore transactions;
    private final H2Compaction compaction;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    private final Condition arrived = lock.newCondition();
    /** Callers that took a ticket in {@link #awaitDurable}; under {@link #lock}. */
    private long arrivals;
    /** Every caller with a ticket up to this one has its changes in the file; under {@link #lock}. */
    private long durableThrough;
    private boolean writing;
    /** H2's version right after this class's last write: changes of earlier versions are in the file. */
    private volatile long lastWrittenVersion = -1;

    private H2GroupCommit(MVStore store, TransactionStore transactions) {
        this.store = store;
        this.transactions = transactions;
        this.compaction = new H2Compaction(store);
    }

    /**
     * Attaches to the database behind {@code connection}, or returns null for an in-memory database.
     * The caller decides whether durable commits are wanted at all: H2's delay may already be ours,
     * set by an earlier deployment while the database stayed open (a reload or redeploy).
     */
    static H2GroupCommit attach(Connection connection) throws SQLException {
        SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        org.h2.mvstore.db.Store engine = session.getDatabase().getStore();
        MVStore store = engine.getMvStore();
        if (store.getFileStore() == null) {
            return null;
        }
        H2GroupCommit group = new H2GroupCommit(store, engine.getTransactionStore());
        group.takeOverWrites();
        return group;
    }

    /**
     * From here on a commit alone no longer writes the file: {@link #awaitDurable} does, before the
     * answer. H2 runs the URL's {@code SET WRITE_DELAY 0} again for every new connection of the
     * pool, which puts it back to writing at each commit (durable, only slower) until this is
     * called again.
     */
    private void takeOverWrites() {
        if (store.getAutoCommitDelay() != BACKGROUND_WRITE_DELAY_MS) {
            synchronized (this) {
                if (store.getAutoCommitDelay() != BACKGROUND_WRITE_DELAY_MS) {
                    store.setAutoCommitDelay(BACKGROUND_WRITE_DELAY_MS);
                }
            }
        }
    }

    boolean isOpen() {
        return !store.isClosed();
    }

    /**
     * Returns once every change committed before the call is written to the database file. The
     * first caller to find no write under way leads: it waits up to {@code windowNanos} while
     * other writing requests are still on their way here ({@code othersInFlight}), so that their
     * commits go into the same chunk, then writes; callers arriving meanwhile wait for that write,
     * or lead the next one.
     *
     * @param arriving whether the caller is one of the writing requests counted by {@code othersInFlight}
     */
    void awaitDurable(long windowNanos, IntSupplier othersInFlight, boolean arriving) {
        takeOverWrites();
        if (!arriving && nothingNewSinceLastWrite()) {
            return;
        }
        lock.lock();
        try {
            // Whatever this caller committed happened before this ticket was taken.
            long ticket = ++arrivals;
            if (arriving) {
                arrived.signal(); // a leader waiting for this request may write now
            }
            while (durableThrough < ticket) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                try {
                    waitForOthers(windowNanos, othersInFlight);
                    long covered = arrivals;
                    lock.unlock();
                    try {
                        write();
                    } finally {
                        lock.lock();
                    }
                    durableThrough = Math.max(durableThrough, covered);
                } finally {
                    writing = false;
                    written.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Writes everything changed so far. H2 bumps its version at each write and writes the changes
     * of the versions before; when it finds nothing unsaved, a write that H2 began on its own may
     * still be running on H2's executors, so those are waited for.
     */
    private void write() {
        long version = store.commit();
        if (version < 0) {
            store.getFileStore().executeFileStoreOperation(() -> { });
            version = store.getCurrentVersion();
        }
        lastWrittenVersion = version;
    }

    /**
     * Whether everything is already written: no write happened since this class's last one (the
     * version is where that write left it, before and after looking) and nothing is unsaved. A
     * write begun by H2 itself in between would have moved the version.
     */
    private boolean nothingNewSinceLastWrite() {
        long version = store.getCurrentVersion();
        return version == lastWrittenVersion && !store.hasUnsavedChanges() && store.getCurrentVersion() == version;
    }

    /** Forces the file to disk, then compacts it for at most {@code budgetNanos} (see {@link H2Compaction}). */
    void syncAndCompact(long budgetNanos) {
        compaction.sync();
        compaction.compact(budgetNanos);
    }

    private void waitForOthers(long windowNanos, IntSupplier othersInFlight) {
        long deadline = System.nanoTime() + windowNanos;
        long left = windowNanos;
        while (left > 0 && (othersInFlight.getAsInt() > 0 || othersWriting())) {
            try {
                // Lets the others in meanwhile; each arrival wakes this wait early.
                arrived.awaitNanos(Math.min(left, RECHECK_NANOS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            left = deadline - System.nanoTime();
        }
    }

    /** Whether some open transaction has changed data: a commit that will want writing soon. */
    private boolean othersWriting() {
        for (Transaction transaction : transactions.getOpenTransactions()) {
            if (transaction.hasChanges()) {
                return true;
            }
        }
        return false;
    }
}
