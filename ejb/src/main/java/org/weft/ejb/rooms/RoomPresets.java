package org.weft.ejb.rooms;

import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.error.MatrixException;

/**
 * The createRoom presets (client-server API, "Creation", preset table) and the default power
 * levels: which join rule, history visibility and guest access each preset implies.
 */
final class RoomPresets {

    static final String PRIVATE_CHAT = "private_chat";
    static final String TRUSTED_PRIVATE_CHAT = "trusted_private_chat";
    static final String PUBLIC_CHAT = "public_chat";

    private RoomPresets() {
    }

    /** The preset asked for, or the one the visibility implies (public: public_chat, else private_chat). */
    static String resolve(String preset, String visibility) {
        if (preset == null) {
            return "public".equals(visibility) ? PUBLIC_CHAT : PRIVATE_CHAT;
        }
        return switch (preset) {
            case PRIVATE_CHAT, TRUSTED_PRIVATE_CHAT, PUBLIC_CHAT -> preset;
            default -> throw MatrixException.invalidParam("Unknown preset " + preset);
        };
    }

    static String joinRule(String preset) {
        return PUBLIC_CHAT.equals(preset) ? "public" : "invite";
    }

    static String guestAccess(String preset) {
        return PUBLIC_CHAT.equals(preset) ? "forbidden" : "can_join";
    }

    /**
     * Default power levels: the creator at 100, room-wide settings at 100, the rest at the usual
     * 50/0. Invites need 50 in public rooms and nothing in private ones, as common servers do.
     */
    static Map<String, Object> defaultPowerLevels(String creator, String preset) {
        Map<String, Object> users = new LinkedHashMap<>();
        users.put(creator, 100L);
        Map<String, Object> events = new LinkedHashMap<>();
        events.put("m.room.name", 50L);
        events.put("m.room.power_levels", 100L);
        events.put("m.room.history_visibility", 100L);
        events.put("m.room.canonical_alias", 50L);
        events.put("m.room.avatar", 50L);
        events.put("m.room.tombstone", 100L);
        events.put("m.room.server_acl", 100L);
        events.put("m.room.encryption", 100L);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("users", users);
        content.put("users_default", 0L);
        content.put("events", events);
        content.put("events_default", 0L);
        content.put("state_default", 50L);
        content.put("ban", 50L);
        content.put("kick", 50L);
        content.put("redact", 50L);
        content.put("invite", PUBLIC_CHAT.equals(preset) ? 50L : 0L);
        content.put("notifications", Map.of("room", 50L));
        return content;
    }
}
