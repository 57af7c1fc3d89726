package org.weft.ejb.ratelimit;

import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.core.error.MatrixException;
import org.weft.ejb.config.RateLimitSettings;
import org.weft.ejb.config.WeftSettings;

/**
 * Per-key token buckets for the client-server API's rate limits (client-server API, "Rate
 * limiting"): a refused request gets 429 M_LIMIT_EXCEEDED with {@code retry_after_ms}.
 *
 * <p>Buckets are per server node, in memory: a limit is a defence against floods, and a cluster of
 * N nodes simply allows N times the burst. Bean-managed concurrency because the map and the buckets
 * are thread-safe themselves; a container lock would serialise every request.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class RateLimiter {

    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    @Inject
    WeftSettings settings;

    /**
     * Lets the request through or throws 429.
     *
     * @param key who is limited: a client address, a user ID
     */
    public void check(RateLimitedAction action, String key) {
        if (!settings.rateLimitsEnabled()) {
            return;
        }
        RateLimitSettings limit = limitOf(action);
        long now = System.nanoTime();
        TokenBucket bucket = buckets.computeIfAbsent(action.name() + '\u0000' + key,
                k -> new TokenBucket(limit.burst(), now));
        long waitMs = bucket.tryTake(limit.perSecond(), limit.burst(), now);
        if (waitMs > 0) {
            throw MatrixException.limitExceeded(waitMs);
        }
    }

    /**
     * Forgets buckets that have refilled, so memory tracks recent clients only. Not persistent:
     * after a restart there is nothing to sweep.
     */
    @Schedule(minute = "*/5", hour = "*", persistent = false)
    void sweep() {
        long now = System.nanoTime();
        buckets.entrySet().removeIf(entry -> {
            String actionName = entry.getKey().substring(0, entry.getKey().indexOf('\u0000'));
            RateLimitSettings limit = limitOf(RateLimitedAction.valueOf(actionName));
            return entry.getValue().isFull(limit.perSecond(), limit.burst(), now);
        });
    }

    private RateLimitSettings limitOf(RateLimitedAction action) {
        return settings.rateLimit(action.settingName(), action.defaultPerSecond(), action.defaultBurst());
    }
}
