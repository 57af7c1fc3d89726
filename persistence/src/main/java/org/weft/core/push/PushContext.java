package org.weft.core.push;

import java.util.Map;

/**
 * What a push rule may look at when deciding about one event for one user (client-server API,
 * "Conditions").
 *
 * @param event                    the event in client format (type, content, sender, state_key, room_id, ...)
 * @param memberCount              joined members of the room now ({@code room_member_count})
 * @param userId                   whose rules these are (the server-default rules name them), or null
 * @param displayName              the user's display name in the room, or null ({@code contains_display_name})
 * @param senderPowerLevel         the sender's power level in the room
 * @param notificationPowerLevels  the power levels' {@code notifications} object, the default
 *                                 ({@code room}: 50) already filled in
 */
public record PushContext(Map<String, Object> event, long memberCount, String userId, String displayName,
                          long senderPowerLevel, Map<String, Long> notificationPowerLevels) {

    public PushContext {
        // A read-only view, not a copy: evaluated once per member, and JSON may hold nulls.
        event = java.util.Collections.unmodifiableMap(event);
        notificationPowerLevels = java.util.Collections.unmodifiableMap(notificationPowerLevels);
    }

    /** This context for a user of the same room: only the user and their display name differ. */
    public PushContext forUser(String user, String userDisplayName) {
        return new PushContext(event, memberCount, user, userDisplayName, senderPowerLevel, notificationPowerLevels);
    }

    /** The user's localpart, or null. */
    public String localpart() {
        if (userId == null || userId.indexOf(':') < 1) {
            return null;
        }
        return userId.substring(1, userId.indexOf(':'));
    }

    /** The power level a notification of kind {@code key} needs; 50 for {@code room} unless set. */
    public long notificationLevel(String key) {
        Long level = notificationPowerLevels.get(key);
        return level != null ? level : "room".equals(key) ? 50 : Long.MAX_VALUE;
    }
}
