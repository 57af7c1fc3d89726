package org.weft.ejb.ratelimit;

/**
 * A token bucket: holds up to {@code burst} tokens, refills {@code perSecond} a second, and each
 * request takes one. Time is passed in (nanoseconds) so tests need no clock or sleeps.
 */
final class TokenBucket {

    private double tokens;
    private long lastNanos;

    TokenBucket(int burst, long nowNanos) {
        this.tokens = burst;
        this.lastNanos = nowNanos;
    }

    /**
     * Takes a token if there is one.
     *
     * @return 0 when the request may go ahead, else how many milliseconds until a token is back
     */
    synchronized long tryTake(double perSecond, int burst, long nowNanos) {
        refill(perSecond, burst, nowNanos);
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return 0;
        }
        if (perSecond <= 0) {
            return Long.MAX_VALUE / 2;
        }
        double missing = 1.0 - tokens;
        return Math.max(1, (long) Math.ceil(missing / perSecond * 1000.0));
    }

    /** True when the bucket has refilled completely, so forgetting it changes nothing. */
    synchronized boolean isFull(double perSecond, int burst, long nowNanos) {
        refill(perSecond, burst, nowNanos);
        return tokens >= burst;
    }

    private void refill(double perSecond, int burst, long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + perSecond * elapsed / 1_000_000_000.0);
            lastNanos = nowNanos;
        }
    }
}
