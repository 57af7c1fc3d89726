package org.weft.ejb.events;

/**
 * What a stream position changed, so the notifier wakes only the /sync requests that care: the
 * members of {@code roomId} (when set) and {@code userId} (when set: the target of a membership
 * event, or the owner of account data).
 */
public record StreamChange(String roomId, String userId) {

    public static StreamChange room(String roomId) {
        return new StreamChange(roomId, null);
    }

    public static StreamChange user(String userId) {
        return new StreamChange(null, userId);
    }
}
