package org.weft.ejb.events;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import org.weft.ejb.sync.SyncNotifier;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The global event stream position (what /sync and /messages tokens count) and the state-group
 * ID sequence. Positions are allocated in memory from the database's maximum at startup, and
 * released when the allocating transaction ends, so {@link #currentPosition()} never passes a
 * position that might still commit. One writer node for now: a cluster will need per-node
 * positions (docs/adr/0007).
 */
@Singleton
@Startup
@DependsOn("SchemaMigrator")
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class StreamIdGenerator {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transactions;

    @Inject
    SyncNotifier notifier;

    private StreamPositions events;
    private AtomicLong stateGroups;
    /** The lowest position given out so far: history fetched from other servers goes below it. */
    private AtomicLong historic;

    @PostConstruct
    void init() {
        Long maxStream = (Long) em.createQuery("select max(e.streamOrdering) from EventEntity e").getSingleResult();
        Long maxGroup = (Long) em.createQuery("select max(g.id) from StateGroupEntity g").getSingleResult();
        events = new StreamPositions(maxStream == null ? 0 : maxStream);
        stateGroups = new AtomicLong(maxGroup == null ? 0 : maxGroup);
        Long minStream = (Long) em.createQuery("select min(e.streamOrdering) from EventEntity e").getSingleResult();
        historic = new AtomicLong(minStream == null ? 1 : Math.min(1, minStream));
    }

    /** A stream position for an event persisted in the current transaction. */
    public long nextEventPosition(StreamChange change) {
        return nextPosition(change);
    }

    /**
     * A position on the one global stream for anything /sync reports from the database (events,
     * receipts, account data): one counter keeps sync tokens a single number, and gaps between one
     * table's positions are harmless. {@code change} says whom to wake once it commits.
     */
    public long nextPosition(StreamChange change) {
        long position = events.allocate();
        try {
            register(position, change);
        } catch (RuntimeException e) {
            // Never leave a position in flight that no transaction will finish: it would hold
            // every reader's view of the stream back until a restart.
            events.finish(position);
            throw e;
        }
        return position;
    }

    private void register(long position, StreamChange change) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                StreamChange outcome = status == Status.STATUS_COMMITTED ? change : StreamChange.NOTHING;
                // Recorded before the position completes: whoever sees the stream reach it finds it.
                notifier.recorded(position, outcome);
                events.finish(position);
                // Told even on rollback: a waiter held back by this position may now proceed.
                notifier.committed(position, outcome, events.completeUpTo());
            }
        });
    }

    /** Every event up to this position is committed (or will never exist). */
    public long currentPosition() {
        return events.completeUpTo();
    }

    /**
     * {@code count} positions below every position given so far, for events of a room's past
     * fetched from another server (backfill): lower than anything this server held, since they are
     * older, and never seen by /sync, which only reads forwards from its token. Returns the lowest;
     * the block is {@code [lowest, lowest + count)}. Nothing waits on them, so they are not tracked.
     */
    public long reserveHistoricPositions(int count) {
        return historic.addAndGet(-count);
    }

    public long nextStateGroupId() {
        return stateGroups.incrementAndGet();
    }
}
