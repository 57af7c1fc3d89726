package org.weft.ejb.users;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import jakarta.annotation.Resource;
import jakarta.transaction.TransactionSynchronizationRegistry;
import org.weft.ejb.tx.TransactionEnd;

/**
 * Recently authenticated access tokens, so a request usually costs no database query and no
 * transaction to authenticate. Every path that revokes tokens (logout, device deletion, password
 * change, deactivation, refresh rotation, re-login on a device) evicts the user's entries, and an
 * entry keeps its token's expiry. Per node: a cluster needs these evictions broadcast (an
 * Infinispan invalidation cache), see docs/adr/0007.
 */
@ApplicationScoped
public class TokenCache {

    static final int MAX_ENTRIES = 100_000;

    private record Entry(Requester requester, Long expiresTs) {
    }

    private final Map<String, Entry> byHash = new ConcurrentHashMap<>();

    /** Bumped by every eviction: a lookup that raced an eviction must not cache what it read. */
    private final AtomicLong generation = new AtomicLong();

    @Resource
    TransactionSynchronizationRegistry transactions;

    /** The cached requester of a token hash, or null when unknown or expired (then evicted). */
    public Requester get(String tokenHash) {
        Entry entry = byHash.get(tokenHash);
        if (entry == null) {
            return null;
        }
        if (entry.expiresTs() != null && entry.expiresTs() <= System.currentTimeMillis()) {
            byHash.remove(tokenHash);
            return null;
        }
        return entry.requester();
    }

    /** Taken before reading a token from the database, handed back to {@link #put}. */
    long generation() {
        return generation.get();
    }

    /** Caches a token read while no eviction happened (else the read may predate a revocation). */
    synchronized void put(Requester requester, Long expiresTs, long readGeneration) {
        if (generation.get() != readGeneration) {
            return;
        }
        if (byHash.size() >= MAX_ENTRIES) {
            // Crude but safe: forgetting entries only costs a database lookup.
            byHash.clear();
        }
        byHash.put(requester.tokenHash(), new Entry(requester, expiresTs));
    }

    /**
     * Forgets every cached token of a user, now and again when the revoking transaction ends, so
     * no request that read the token before the revocation committed can keep it cached.
     */
    public void evictUser(String userId) {
        TransactionEnd.nowAndAtEnd(transactions, () -> evictNow(userId));
    }

    private synchronized void evictNow(String userId) {
        generation.incrementAndGet();
        byHash.values().removeIf(entry -> entry.requester().userId().equals(userId));
    }
}
