package org.weft.ejb.push;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.weft.core.push.PushRuleSet;
import org.weft.ejb.tx.EvictableCache;

/**
 * Compiled push rule sets per user, so evaluating an event for every member of a large room
 * compiles nothing (issue 6: "compile rules; cache per user until their rules change"). A change
 * evicts the user now and again when its transaction ends, so a set read before the change
 * committed is never kept ({@link EvictableCache}). Per node, like the token cache (README, Known limits).
 */
@ApplicationScoped
public class PushRuleCache {

    private static final int MAX_ENTRIES = 100_000;

    private final EvictableCache<PushRuleSet> byUser = new EvictableCache<>(MAX_ENTRIES);

    @Resource
    TransactionSynchronizationRegistry transactions;

    PushRuleSet get(String userId) {
        return byUser.get(userId);
    }

    long generation() {
        return byUser.generation();
    }

    /** Caches a set read while no eviction happened. */
    void put(String userId, PushRuleSet rules, long readGeneration) {
        byUser.put(userId, rules, readGeneration);
    }

    void evict(String userId) {
        byUser.evict(userId, transactions);
    }
}
