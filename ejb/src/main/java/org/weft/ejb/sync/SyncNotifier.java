package org.weft.ejb.sync;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.weft.ejb.ephemeral.EphemeralSerial;
import org.weft.ejb.events.StreamChange;

/**
 * Wakes waiting /sync requests (architecture: "after commit: SyncNotifier wakes waiting /sync").
 * Stream changes are announced after their transaction ends, but a position only becomes readable
 * when every earlier one has finished too, so changes are held until the stream's complete
 * position reaches them. Waiters are indexed by user and by the rooms they are in; a poke runs
 * their computation on the EJB asynchronous pool, never on the committing thread, in a few
 * batches rather than one task per waiter. The recent changes are kept in memory, so most wakes
 * are answered without the database ({@link SyncFastPath}).
 */
@ApplicationScoped
public class SyncNotifier {

    private record Pending(long position, StreamChange change) {
    }

    /** Enough for a second of a busy server; older gaps are read from the database. */
    private static final int RECENT_CAPACITY = 8192;

    /** A wake's waiters go to at most this many pool tasks: a few cores, a few tasks. */
    private static final int MAX_BATCHES = 4;

    private final Map<String, Set<SyncWaiter>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<SyncWaiter>> byRoom = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Pending> pending = new ConcurrentLinkedQueue<>();
    private final RecentChanges recent = new RecentChanges(RECENT_CAPACITY);
    private SyncFastPath fastPath;
    private final AtomicLong complete = new AtomicLong();

    @Inject
    SyncWorker worker;

    @Inject
    EphemeralSerial serial;

    @Inject
    LazyMembersSent lazySent;

    @Inject
    org.weft.ejb.push.PushActionStore pushActions;

    @Inject
    UnreadBaseline unreadBaseline;

    @PostConstruct
    void init() {
        fastPath = new SyncFastPath(recent, lazySent, pushActions, unreadBaseline);
    }

    /** Starts watching for the waiter's changes, then computes once: a change just before is not lost. */
    public void await(SyncWaiter waiter) {
        byUser.computeIfAbsent(waiter.userId(), k -> ConcurrentHashMap.newKeySet()).add(waiter);
        for (String roomId : waiter.roomIds()) {
            byRoom.computeIfAbsent(roomId, k -> ConcurrentHashMap.newKeySet()).add(waiter);
        }
        if (waiter.poke()) {
            worker.attemptAll(List.of(waiter));
        }
    }

    /** Stops watching (the waiter answered or timed out). */
    public void forget(SyncWaiter waiter) {
        remove(byUser, waiter.userId(), waiter);
        for (String roomId : waiter.roomIds()) {
            remove(byRoom, roomId, waiter);
        }
    }

    /** A stream position's transaction ended: called before the position counts as complete. */
    public void recorded(long position, StreamChange change) {
        recent.record(position, change);
    }

    /**
     * A stream position's transaction ended and its position was released.
     *
     * @param change       what it changed ({@link StreamChange#NOTHING} when it rolled back)
     * @param completeUpTo the stream's complete position now
     */
    public void committed(long position, StreamChange change, long completeUpTo) {
        // Before any wake: a waiter woken below must see at least this much.
        complete.accumulateAndGet(completeUpTo, Math::max);
        if (change != StreamChange.NOTHING) {
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

    /** The waiter's answer from memory, or null when the database must answer (see {@link SyncFastPath}). */
    SyncResult fromMemory(SyncWaiter waiter, Map<String, Map<String, Object>> formatted) {
        // The serial first, as SyncService does: a change racing this read shows up next time.
        long serialNow = serial.current();
        return fastPath.attempt(waiter, serialNow, complete.get(), formatted);
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
        List<SyncWaiter> due = new ArrayList<>();
        if (change.roomId() != null) {
            collect(byRoom.get(change.roomId()), due);
        }
        if (change.userId() != null) {
            collect(byUser.get(change.userId()), due);
        }
        for (String roomId : change.alsoRooms()) {
            collect(byRoom.get(roomId), due);
        }
        int batchSize = Math.max(1, (due.size() + MAX_BATCHES - 1) / MAX_BATCHES);
        for (int start = 0; start < due.size(); start += batchSize) {
            worker.attemptAll(List.copyOf(due.subList(start, Math.min(due.size(), start + batchSize))));
        }
    }

    /** Adds the waiters that this poke starts a computation for (a running one reruns by itself). */
    private static void collect(Set<SyncWaiter> waiters, List<SyncWaiter> due) {
        if (waiters != null) {
            for (SyncWaiter waiter : waiters) {
                if (waiter.poke()) {
                    due.add(waiter);
                }
            }
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
