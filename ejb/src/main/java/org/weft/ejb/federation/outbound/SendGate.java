package org.weft.ejb.federation.outbound;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Who sends to a destination now: at most one runner per destination, and no wake-up lost. A
 * wake-up while a runner is at work makes it look again before it stops; one that comes as it
 * stops either is seen by it or makes the waker the next runner, never neither. (Checking a flag
 * and then removing the runner as two steps lost wake-ups under load: a waker could mark a runner
 * that had just gone, and every later wake-up then took that mark for a runner at work, so the
 * destination was never sent to again.)
 */
final class SendGate {

    /** Per destination with a runner: whether it was woken since it last looked. */
    private final ConcurrentHashMap<String, Boolean> running = new ConcurrentHashMap<>();

    /** A wake-up: true when the caller has become the runner and must send until {@link #leave} lets it stop. */
    boolean enter(String destination) {
        boolean[] runner = {false};
        running.compute(destination, (key, woken) -> {
            if (woken == null) {
                runner[0] = true;
                return Boolean.FALSE;
            }
            return Boolean.TRUE;
        });
        return runner[0];
    }

    /** The runner found nothing more to send: true when it may stop; false when it was woken meanwhile and must look again. */
    boolean leave(String destination) {
        boolean[] stop = {false};
        running.compute(destination, (key, woken) -> {
            if (Boolean.TRUE.equals(woken)) {
                return Boolean.FALSE;
            }
            stop[0] = true;
            return null;
        });
        return stop[0];
    }

    /** The runner stopped on an unexpected failure: the next wake-up makes a new one. */
    void abandon(String destination) {
        running.remove(destination);
    }
}
