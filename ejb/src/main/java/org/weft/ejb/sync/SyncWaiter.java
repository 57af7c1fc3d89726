package org.weft.ejb.sync;

import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One long-polling /sync request waiting for something to report. The notifier pokes it; a poke
 * starts at most one computation at a time, and a poke during a computation makes it run again,
 * so no change between a computation's read and its decision to keep waiting is ever missed.
 */
public final class SyncWaiter {

    private final SyncRequest request;
    private final Consumer<SyncResult> reply;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile boolean dirty;
    private volatile SyncResult lastEmpty;
    private volatile Set<String> roomIds;

    /**
     * @param firstEmpty the empty result that made the request wait: its token answers a timeout
     * @param reply      sends the response to the client (called once)
     */
    public SyncWaiter(SyncRequest request, SyncResult firstEmpty, Consumer<SyncResult> reply) {
        this.request = request;
        this.reply = reply;
        this.lastEmpty = firstEmpty;
        this.roomIds = firstEmpty.roomIds();
    }

    public String userId() {
        return request.requester().userId();
    }

    public SyncRequest request() {
        return request;
    }

    Set<String> roomIds() {
        return roomIds;
    }

    /** The latest computation that found nothing to report: where an answer from memory starts. */
    SyncResult lastEmpty() {
        return lastEmpty;
    }

    boolean isFinished() {
        return finished.get();
    }

    /** Marks a change; true when the caller must start a computation (none is running). */
    boolean poke() {
        dirty = true;
        return !finished.get() && running.compareAndSet(false, true);
    }

    /** Called by the computation before each read. */
    void startAttempt() {
        dirty = false;
    }

    /** The outcome of one computation; true when another must follow (a poke came meanwhile). */
    boolean attempted(SyncResult result) {
        roomIds = result.roomIds();
        if (!result.empty()) {
            finish(result);
            return false;
        }
        lastEmpty = result;
        running.set(false);
        return dirty && !finished.get() && running.compareAndSet(false, true);
    }

    /** Timeout or shutdown: answers with the last empty result (its next_batch is current). */
    public void expire() {
        finish(lastEmpty);
    }

    /** A computation failed: the client gets the last empty result rather than nothing. */
    void failed() {
        running.set(false);
        finish(lastEmpty);
    }

    private void finish(SyncResult result) {
        if (finished.compareAndSet(false, true)) {
            reply.accept(result);
        }
    }
}
