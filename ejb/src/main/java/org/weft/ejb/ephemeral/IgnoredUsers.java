package org.weft.ejb.ephemeral;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Each user's ignored users ({@code m.ignored_user_list}, client-server API "Ignoring Users"),
 * kept in memory: push evaluation asks for every member of a room at every event. A change of the
 * list evicts the user now and again when its transaction ends, so a list read before the change
 * committed is never kept (as {@code PushRuleCache}). Per node.
 */
@ApplicationScoped
public class IgnoredUsers {

    /** The account data type that holds the list. */
    public static final String TYPE = "m.ignored_user_list";

    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Set<String>> byUser = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    @EJB
    EphemeralQueries queries;

    /** The users {@code userId} ignores; usually from memory. */
    public Set<String> of(String userId) {
        Set<String> cached = byUser.get(userId);
        if (cached != null) {
            return cached;
        }
        long readGeneration = generation.get();
        Set<String> read = queries.ignoredUsers(userId);
        put(userId, read, readGeneration);
        return read;
    }

    private synchronized void put(String userId, Set<String> users, long readGeneration) {
        if (generation.get() != readGeneration) {
            return;
        }
        if (byUser.size() >= MAX_ENTRIES) {
            byUser.clear(); // forgetting only costs a read
        }
        byUser.put(userId, users);
    }

    /** The user's list changed (or may have): read it again. */
    void evict(String userId) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evictNow(userId));
    }

    private synchronized void evictNow(String userId) {
        generation.incrementAndGet();
        byUser.remove(userId);
    }
}
