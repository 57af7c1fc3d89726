package org.weft.core.auth;

import static org.weft.core.auth.AuthContext.reject;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.UserId;

/**
 * The {@code m.room.power_levels} authorisation rule: rule 10 of room versions 1-5
 * (rooms/fragments/v1-auth-rules.md, v3-auth-rules.md), rule 9 from version 6 on, which adds
 * the {@code notifications} property to the checks on {@code events} (rooms/v6.md), and the
 * integer-only structure checks 9.1 and 9.2 added in version 10 (rooms/v10.md, v11.md).
 * Comments number the sub-rules as rooms/v10.md does; in earlier versions 9.1 and 9.2 do not
 * exist and 9.3-9.10 are 10.1-10.8 (v1-v5) or 9.1-9.8 (v6-v9).
 *
 * <p>Alterations are detected on parsed values, so {@code "50"} replacing {@code 50} in a room
 * before version 10 is no change (as Synapse compares {@code int()} values). The checks compare
 * only explicit values, never defaults: adding {@code ban} where it was absent checks only the
 * new value.
 */
final class PowerLevelChangeRules {

    /** The top-level properties of sub-rule 9.1 and 9.5, in the spec's order. */
    private static final List<String> LEVEL_KEYS = List.of(PowerLevels.USERS_DEFAULT,
            PowerLevels.EVENTS_DEFAULT, PowerLevels.STATE_DEFAULT, PowerLevels.BAN, PowerLevels.REDACT,
            PowerLevels.KICK, PowerLevels.INVITE);

    private PowerLevelChangeRules() {
    }

    static void check(AuthContext ctx) {
        Pdu event = ctx.event;
        RoomVersion version = ctx.version;
        Map<String, Object> content = event.content();
        if (version.integerPowerLevels()) {
            // 9.1 (v10+): "If any of the properties users_default, events_default,
            // state_default, ban, redact, kick, or invite in content are present and not an
            // integer, reject."
            for (String key : LEVEL_KEYS) {
                if (content.containsKey(key) && !PowerLevelValue.isValid(content.get(key), version)) {
                    throw notInteger(key, content.get(key), version);
                }
            }
            // 9.2 (v10+): "If either of the properties events or notifications in content are
            // present and not an object with values that are integers, reject."
            checkIntegerObject(content, "events", version);
            checkIntegerObject(content, "notifications", version);
        }
        // 9.3: users must map valid user IDs to integers (before v10: or integer strings; v1-v5
        // also floats, per the "floaty power levels" fragment).
        checkUsers(content, version);
        // 10.4 (v12): "If the users property in content contains the sender of the m.room.create
        // event or any of the additional_creators array (if present) from the content of the
        // m.room.create event, reject."
        if (version.privilegedCreators() && content.get("users") instanceof Map<?, ?> users) {
            for (String creator : PowerLevels.creatorsOf(ctx.create(), version)) {
                if (users.containsKey(creator)) {
                    throw AuthContext.reject("users lists the room creator " + creator
                            + ", whose power level is infinite and cannot be set");
                }
            }
        }
        // 9.4: "If there is no previous m.room.power_levels event in the room, allow."
        if (ctx.get(AuthContext.POWER_LEVELS, "") == null) {
            return;
        }
        PowerLevels current = ctx.powerLevels();
        PowerLevels proposed = PowerLevels.of(event, ctx.create(), version);
        String sender = event.sender();
        long senderLevel = current.userLevel(sender);
        // 9.5: for each added, changed or removed top-level level, neither the current nor the
        // new value may be higher than the sender's level.
        for (String key : LEVEL_KEYS) {
            checkAlteration(key, current.explicit(key), proposed.explicit(key), senderLevel);
        }
        // 9.6 / 9.7: the same for the entries of events and (from v6) notifications.
        checkEntries("events", current, proposed, senderLevel);
        if (version.limitNotificationsPowerLevels()) {
            checkEntries("notifications", current, proposed, senderLevel);
        }
        // 9.8 / 9.9: users.
        checkUsers(current, proposed, sender, senderLevel);
        // 9.10: "Otherwise, allow."
    }

    private static void checkIntegerObject(Map<String, Object> content, String property, RoomVersion version) {
        if (!content.containsKey(property)) {
            return;
        }
        if (!(content.get(property) instanceof Map<?, ?> map)) {
            throw reject("m.room.power_levels " + property + " must be an object");
        }
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (!PowerLevelValue.isValid(entry.getValue(), version)) {
                throw notInteger(property + "." + entry.getKey(), entry.getValue(), version);
            }
        }
    }

    /**
     * 9.3: "If the users property in content is not an object with keys that are valid user IDs
     * with values that are integers, reject." An absent {@code users} is read as an empty object,
     * as Synapse and gomatrixserverlib do; the spec's schema makes every property optional.
     */
    private static void checkUsers(Map<String, Object> content, RoomVersion version) {
        if (!content.containsKey("users")) {
            return;
        }
        if (!(content.get("users") instanceof Map<?, ?> users)) {
            throw reject("m.room.power_levels users must be an object");
        }
        for (Map.Entry<?, ?> entry : users.entrySet()) {
            String userId = String.valueOf(entry.getKey());
            try {
                UserId.parse(userId);
            } catch (IllegalArgumentException e) {
                throw reject("m.room.power_levels users key " + PowerLevels.describe(userId)
                        + " is not a valid user ID");
            }
            if (!PowerLevelValue.isValid(entry.getValue(), version)) {
                throw notInteger("users." + userId, entry.getValue(), version);
            }
        }
    }

    /** 9.5.1 and 9.5.2 for one top-level property. */
    private static void checkAlteration(String key, Long before, Long after, long senderLevel) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before != null && before > senderLevel) {
            throw reject("cannot change " + key + " from " + before + ", above the sender's power level "
                    + senderLevel);
        }
        if (after != null && after > senderLevel) {
            throw reject("cannot set " + key + " to " + after + ", above the sender's power level "
                    + senderLevel);
        }
    }

    /** 9.6 (changed or removed: current value) and 9.7 (added or changed: new value). */
    private static void checkEntries(String property, PowerLevels current, PowerLevels proposed,
                                     long senderLevel) {
        Map<String, Long> before = current.explicitMap(property);
        Map<String, Long> after = proposed.explicitMap(property);
        for (String key : union(before, after)) {
            Long old = before.get(key);
            Long neu = after.get(key);
            if (Objects.equals(old, neu)) {
                continue;
            }
            if (old != null && old > senderLevel) {
                throw reject("cannot change " + property + "." + key + " from " + old
                        + ", above the sender's power level " + senderLevel);
            }
            if (neu != null && neu > senderLevel) {
                throw reject("cannot set " + property + "." + key + " to " + neu
                        + ", above the sender's power level " + senderLevel);
            }
        }
    }

    /**
     * 9.8: another user's entry may only be changed or removed if its current value is below the
     * sender's level ("greater than or equal ... reject"); 9.9: no entry may be set above it. The
     * sender may lower their own entry.
     */
    private static void checkUsers(PowerLevels current, PowerLevels proposed, String sender, long senderLevel) {
        Map<String, Long> before = current.explicitMap("users");
        Map<String, Long> after = proposed.explicitMap("users");
        for (String user : union(before, after)) {
            Long old = before.get(user);
            Long neu = after.get(user);
            if (Objects.equals(old, neu)) {
                continue;
            }
            if (old != null && !user.equals(sender) && old >= senderLevel) {
                throw reject("cannot change the power level of " + user + " from " + old
                        + ", not below the sender's power level " + senderLevel);
            }
            if (neu != null && neu > senderLevel) {
                throw reject("cannot raise " + user + " to power level " + neu
                        + ", above the sender's power level " + senderLevel);
            }
        }
    }

    private static Set<String> union(Map<String, Long> a, Map<String, Long> b) {
        Set<String> keys = new LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static AuthorizationException notInteger(String name, Object value, RoomVersion version) {
        return reject("m.room.power_levels " + name + " = " + PowerLevels.describe(value)
                + " is not " + (version.integerPowerLevels() ? "an integer" : "a valid power level")
                + " in room version " + version.id());
    }
}
