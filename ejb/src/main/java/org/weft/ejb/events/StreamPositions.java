package org.weft.ejb.events;

import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out stream positions and knows up to where the stream is complete. Writers in different
 * rooms commit concurrently, so position 12 may commit before 11: readers (/sync, /messages
 * tokens) must only ever see positions below the lowest one still in flight, or they would skip
 * 11 for good. Pure logic, owned by {@link StreamIdGenerator}.
 */
final class StreamPositions {

    private final AtomicLong lastAllocated;
    private final ConcurrentSkipListSet<Long> inFlight = new ConcurrentSkipListSet<>();

    StreamPositions(long lastPersisted) {
        this.lastAllocated = new AtomicLong(lastPersisted);
    }

    /** A new position, in flight until {@link #finish(long)}. */
    synchronized long allocate() {
        long next = lastAllocated.incrementAndGet();
        inFlight.add(next);
        return next;
    }

    /** The transaction that held {@code position} committed or rolled back. */
    void finish(long position) {
        inFlight.remove(position);
    }

    /** Every position up to this one is final: committed or abandoned. */
    synchronized long completeUpTo() {
        // One read: finish() does not take this lock, so an isEmpty() check could be stale by first().
        Long lowest = inFlight.ceiling(Long.MIN_VALUE);
        return lowest == null ? lastAllocated.get() : lowest - 1;
    }
}
