package org.weft.ejb.ephemeral;

import jakarta.annotation.Resource;
import jakarta.ejb.EJB;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import org.weft.ejb.tx.EvictableCache;

/**
 * Each user's ignored users ({@code m.ignored_user_list}, client-server API "Ignoring Users"),
 * kept in memory: push evaluation asks for every member of a room at every event. A change of the
 * list evicts the user now and again when its transaction ends, so a list read before the change
 * committed is never kept ({@link EvictableCache}). Per node.
 */
@ApplicationScoped
public class IgnoredUsers {

    /** The account data type that holds the list. */
    public static final String TYPE = "m.ignored_user_list";

    private static final int MAX_ENTRIES = 100_000;

    private final EvictableCache<Set<String>> byUser = new EvictableCache<>(MAX_ENTRIES);

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
        long readGeneration = byUser.generation();
        Set<String> read = queries.ignoredUsers(userId);
        byUser.put(userId, read, readGeneration);
        return read;
    }

    /** The user's list changed (or may have): read it again. */
    void evict(String userId) {
        byUser.evict(userId, transactions);
    }
}
