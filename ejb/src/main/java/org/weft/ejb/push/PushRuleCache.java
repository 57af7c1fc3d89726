package org.weft.ejb.push;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.core.push.PushRuleSet;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Compiled push rule sets per user, so evaluating an event for every member of a large room
 * compiles nothing (issue 6: "compile rules; cache per user until their rules change"). A change
 * evicts the user now and again when its transaction ends, so a set read before the change
 * committed is never kept. Per node, like the token cache (README, Known limits).
 */
@ApplicationScoped
public class PushRuleCache {

    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, PushRuleSet> byUser = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    PushRuleSet get(String userId) {
        return byUser.get(userId);
    }

    long generation() {
        return generation.get();
    }

    /** Caches a set read while no eviction happened. */
    synchronized void put(String userId, PushRuleSet rules, long readGeneration) {
        if (generation.get() != readGeneration) {
            return;
        }
        if (byUser.size() >= MAX_ENTRIES) {
            byUser.clear(); // forgetting only costs a recompilation
        }
        byUser.put(userId, rules);
    }

    void evict(String userId) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evictNow(userId));
    }

    private synchronized void evictNow(String userId) {
        generation.incrementAndGet();
        byUser.remove(userId);
    }
}
