package org.weft.ejb.tx;

import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Values kept in memory per key (a user) until a change of the stored value evicts them: now, and
 * again when the changing transaction ends. A value read while any eviction happened is not kept,
 * since it may have been read before the change committed. Bounded: when full it forgets all,
 * which only costs reading again. Per node.
 *
 * @param <V> what is kept
 */
public final class EvictableCache<V> {

    private final Map<String, V> byKey = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final int maxEntries;

    public EvictableCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public V get(String key) {
        return byKey.get(key);
    }

    /** Take it before reading the stored value, and give it to {@link #put}. */
    public long generation() {
        return generation.get();
    }

    /** Keeps a value read while no eviction happened. */
    public synchronized void put(String key, V value, long readGeneration) {
        if (generation.get() != readGeneration) {
            return;
        }
        if (byKey.size() >= maxEntries) {
            byKey.clear();
        }
        byKey.put(key, value);
    }

    /** The stored value of {@code key} changes in the current transaction. */
    public void evict(String key, TransactionSynchronizationRegistry transactions) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evictNow(key));
    }

    private synchronized void evictNow(String key) {
        generation.incrementAndGet();
        byKey.remove(key);
    }
}
