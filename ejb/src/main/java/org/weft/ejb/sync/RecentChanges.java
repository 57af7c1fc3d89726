package org.weft.ejb.sync;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.weft.ejb.events.StreamChange;

/**
 * The changes of the most recent stream positions, kept in memory so a waiting /sync can often
 * be answered without reading the database. A position absent here (older than the window, or
 * from before this node started) simply means "ask the database".
 */
final class RecentChanges {

    private final int capacity;
    private final ConcurrentHashMap<Long, StreamChange> byPosition = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Long> order = new ConcurrentLinkedQueue<>();
    private final AtomicInteger size = new AtomicInteger();

    RecentChanges(int capacity) {
        this.capacity = capacity;
    }

    void record(long position, StreamChange change) {
        byPosition.put(position, change);
        order.add(position);
        if (size.incrementAndGet() > capacity) {
            Long oldest = order.poll();
            if (oldest != null) {
                byPosition.remove(oldest);
                size.decrementAndGet();
            }
        }
    }

    /** What {@code position} changed, or null when it is not (or no longer) known here. */
    StreamChange get(long position) {
        return byPosition.get(position);
    }
}
