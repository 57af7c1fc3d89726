package org.weft.ejb.events;

import java.util.Set;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * What a stream position changed, so the notifier wakes only the /sync requests that care: the
 * members of {@code roomId} (when set), {@code userId} (when set: the target of a membership event,
 * or the owner of account data or device keys) and the members of {@code alsoRooms} (the rooms of a
 * user whose device keys changed). A new room event comes with itself, so a waiting sync that needs
 * nothing else can be answered from memory.
 */
public record StreamChange(String roomId, String userId, Set<String> alsoRooms, NewEvent event) {

    /** A position that changed nothing (its transaction rolled back). */
    public static final StreamChange NOTHING = new StreamChange(null, null, Set.of(), null);

    /**
     * A room event as it was persisted.
     *
     * @param senderMember the sender's membership event ID in the state the event was sent in
     * @param push         what push rules decided for the room's local members, set in the event's
     *                     transaction (so before anyone sees the position complete)
     */
    public record NewEvent(Pdu pdu, RoomVersion version, String senderMember,
                           java.util.concurrent.atomic.AtomicReference<org.weft.ejb.push.PushActionStore.EventOutcomes> push) {
    }

    public static StreamChange room(String roomId) {
        return new StreamChange(roomId, null, Set.of(), null);
    }

    public static StreamChange user(String userId) {
        return new StreamChange(null, userId, Set.of(), null);
    }

    /** A new event in a room; {@code target} is a membership event's state_key, else null. */
    public static StreamChange event(String roomId, String target, NewEvent event) {
        return new StreamChange(roomId, target, Set.of(), event);
    }

    /** A user's device keys changed: the user and everyone sharing one of {@code rooms} hears of it. */
    public static StreamChange deviceKeys(String userId, Set<String> rooms) {
        return new StreamChange(null, userId, Set.copyOf(rooms), null);
    }
}
