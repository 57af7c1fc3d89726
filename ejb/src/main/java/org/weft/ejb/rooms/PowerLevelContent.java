package org.weft.ejb.rooms;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.event.RoomVersion;

/**
 * Rewrites m.room.power_levels content for room upgrades: values as integers when the new
 * version demands them (v10+, where "50" is no longer a level), and the old room's restriction.
 */
final class PowerLevelContent {

    private PowerLevelContent() {
    }

    /** A copy whose numeric-looking values are integers if the version requires that. */
    static Map<String, Object> normalise(Map<String, Object> content, RoomVersion version) {
        if (!version.integerPowerLevels()) {
            return content;
        }
        return integers(content);
    }

    /** Spec step 6: events_default and invite at max(50, users_default + 1). */
    static Map<String, Object> restrict(Map<String, Object> content, long usersDefault) {
        Map<String, Object> copy = new LinkedHashMap<>(content);
        long restricted = Math.max(50, usersDefault + 1);
        copy.put("events_default", restricted);
        copy.put("invite", restricted);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> integers(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (value instanceof Map<?, ?> nested) {
                out.put(key, integers((Map<String, Object>) nested));
            } else {
                out.put(key, integer(value));
            }
        });
        return out;
    }

    private static Object integer(Object value) {
        try {
            if (value instanceof String s) {
                return Long.parseLong(s.trim());
            }
            if (value instanceof BigDecimal d) {
                return d.longValue();
            }
            if (value instanceof BigInteger i) {
                return i.longValue();
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }
}
