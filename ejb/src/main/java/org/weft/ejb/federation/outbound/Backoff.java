package org.weft.ejb.federation.outbound;

/**
 * How long to wait before sending again to a server that failed: {@code initial} after the first
 * failure, doubled after each further one, never more than {@code max}. Pure, so the schedule is
 * unit-tested.
 */
public final class Backoff {

    private Backoff() {
    }

    /**
     * @param failures consecutive failures so far, at least 1
     * @return the wait in milliseconds
     */
    public static long delay(int failures, long initialMs, long maxMs) {
        if (failures < 1) {
            return 0;
        }
        int doublings = Math.min(failures - 1, 62);
        if (initialMs > (Long.MAX_VALUE >> doublings)) {
            return maxMs;
        }
        return Math.min(maxMs, initialMs << doublings);
    }
}
