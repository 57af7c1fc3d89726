package org.weft.ejb.sync;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.weft.ejb.events.StreamChange;
import org.weft.ejb.push.PushActionStore;

/**
 * The last unread counts sent for a user and room, with the stream position they hold at, so a
 * woken /sync can bring them forward from memory: the counts at a later position are these plus
 * the push outcome of each of the room's events in between, which every new event carries
 * ({@link StreamChange.NewEvent#push}). When anything in between is unknown to memory, or is not
 * a plain event (a receipt, a membership change), the database counts instead. Per node, like the
 * rest of ADR 0010; bounded (forgetting only costs a database read).
 */
@ApplicationScoped
public class UnreadBaseline {

    private static final int MAX_ENTRIES = 200_000;

    private record Entry(PushActionStore.Unread counts, long position) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    void remember(String userId, String roomId, PushActionStore.Unread counts, long position) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.merge(key(userId, roomId), new Entry(counts, position),
                (old, fresh) -> fresh.position() >= old.position() ? fresh : old);
    }

    /**
     * The counts at {@code upTo}, or null when memory cannot tell.
     *
     * @param changes the recent stream changes by position
     */
    PushActionStore.Unread at(String userId, String roomId, long upTo, RecentChanges changes, int maxWindow) {
        Entry base = entries.get(key(userId, roomId));
        if (base == null || base.position() > upTo || upTo - base.position() > maxWindow) {
            return null;
        }
        PushActionStore.Unread counts = base.counts();
        for (long position = base.position() + 1; position <= upTo; position++) {
            StreamChange change = changes.get(position);
            if (change == null) {
                return null;
            }
            if (userId.equals(change.userId())) {
                return null; // the user's own membership, private receipt, account data: not worth guessing
            }
            if (!roomId.equals(change.roomId())) {
                continue;
            }
            StreamChange.NewEvent event = change.event();
            PushActionStore.EventOutcomes outcomes = event == null ? null : event.push().get();
            if (outcomes == null) {
                return null; // a receipt in the room (perhaps the user's), or an event not evaluated
            }
            PushActionStore.Outcome outcome = outcomes.of(userId);
            if (outcome.notifies()) {
                counts = counts.plus(outcomes.threadId(), outcome.highlight());
            }
        }
        return counts;
    }

    private static String key(String userId, String roomId) {
        return userId + '\n' + roomId;
    }
}
