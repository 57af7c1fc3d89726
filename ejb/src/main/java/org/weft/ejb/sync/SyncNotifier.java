package org.weft.ejb.sync;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.weft.ejb.events.StreamChange;

/**
 * Wakes waiting /sync requests (architecture: "after commit: SyncNotifier wakes waiting /sync").
 * Stream changes are announced after their transaction ends, but a position only becomes readable
 * when every earlier one has finished too, so changes are held until the stream's complete
 * position reaches them. Waiters are indexed by user and by the rooms they are in; a poke runs
 * their computation on the EJB asynchronous pool, never on the committing thread.
 */
@ApplicationScoped
public class SyncNotifier {

    private record Pending(long position, StreamChange change) {
    }

    private final Map<String, Set<SyncWaiter>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<SyncWaiter>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();

    @Inject
    SyncWorker worker;

    /** Starts watching for the waiter's changes, then computes once: a change just before is not lost. */
    public void await(SyncWaiter waiter) {
        byUser.computeIfAbsent(waiter.userId(), k -> ConcurrentHashMap.newKeySet()).add(waiter);
        for (String roomId : waiter.roomIds()) {
            byRoom.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        poke(waiter);
    }

    /** Stops watching (the waiter answered or timed out). */
    public void forget(SyncWaiter waiter) {
        remove(byUser, waiter.userId(), waiter);
        for (String roomId : waiter.roomIds()) {
            remove(byRoom, roomId, waiter);
        }
    }

    /**
     * A stream position's transaction ended.
     *
     * @param change       what it changed, or null when it rolled back
     * @param completeUpTo the stream's complete position now
     */
    public void committed(long position, StreamChange change, long completeUpTo) {
        if (change != null) {
            pending.add(new Pending(position, change));
        }
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending next = it.next();
            if (next.position() <= completeUpTo) {
                it.remove();
                wake(next.change());
            }
        }
    }

    /** Something outside the stream changed for a user (presence): wake their waiters now. */
    public void wakeUser(String userId) {
        wake(StreamChange.user(userId));
    }

    /** Something outside the stream changed (typing): wake the room's waiters now. */
    public void wakeRoom(String roomId) {
        wake(StreamChange.room(roomId));
    }

    private void wake(StreamChange change) {
        if (change.roomId() != null) {
            pokeAll(byRoom.get(change.roomId()));
        }
        if (change.userId() != null) {
            pokeAll(byUser.get(change.userId()));
        }
    }

    private void pokeAll(Set<SyncWaiter> waiters) {
        if (waiters != null) {
            waiters.forEach(this::poke);
        }
    }

    private void poke(SyncWaiter waiter) {
        if (waiter.poke()) {
            worker.attempt(waiter);
        }
    }

    /** Re-files a waiter whose rooms changed during its wait (it joined or left a room). */
    void refile(SyncWaiter waiter, Set<String> before) {
        for (String roomId : before) {
            if (!waiter.roomIds().contains(roomId)) {
                remove(byRoom, roomId, waiter);
            }
        }
        if (!waiter.isFinished()) {
            for (String roomId : waiter.roomIds()) {
                byRoom.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(waiter);
            }
        }
    }

    private static void remove(Map<String, Set<SyncWaiter>> index, String key, SyncWaiter waiter) {
        index.computeIfPresent(key, (k, set) -> {
            set.remove(waiter);
            return set.isEmpty() ? null : set;
        });
    }
}
