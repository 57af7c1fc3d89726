package org.weft.core.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;

/**
 * The power levels of a room as the authorisation rules see them: the content of the current
 * {@code m.room.power_levels} event, read per room version, with the defaults that apply to what
 * it omits (client-server API, {@code m.room.power_levels}; server-server API, "Checks performed
 * on receipt of a PDU", "Definitions").
 *
 * <p>Defaults:
 * <ul>
 *   <li>No power levels event at all: the room creator has level 100 and everyone else 0. The
 *       creator is the create event's {@code content.creator} in room versions 1-10 and its
 *       {@code sender} in room version 11 (rooms/v11, "Remove the creator property").</li>
 *   <li>{@code users_default} 0, {@code events_default} 0, {@code state_default} 50,
 *       {@code ban}/{@code kick}/{@code redact} 50, {@code invite} 0,
 *       {@code notifications.room} 50.</li>
 *   <li>{@code state_default} is 50 also when there is no power levels event. Older spec text
 *       said 0 in that case; it was changed by MSC1304 (r0.5.0) to stop room hijacking and the
 *       stale sentence was removed by matrix-spec PR #1479. Spec v1.19's schema says "If there is
 *       no {@code state_default} in the m.room.power_levels event, or there is no
 *       m.room.power_levels event, the {@code state_default} is 50", which Synapse and
 *       gomatrixserverlib implement.</li>
 * </ul>
 *
 * <p>Values are parsed lazily by {@link PowerLevelValue}: a malformed value (possible in rooms
 * before version 10, whose auth rules only validate {@code users}) makes every check that needs
 * it fail with an {@link AuthorizationException}, like Synapse's {@code int()} conversion.
 */
public final class PowerLevels {

    /** The creator's level in a room without a power levels event. */
    public static final long CREATOR_DEFAULT_LEVEL = 100;

    static final String USERS_DEFAULT = "users_default";
    static final String EVENTS_DEFAULT = "events_default";
    static final String STATE_DEFAULT = "state_default";
    static final String BAN = "ban";
    static final String KICK = "kick";
    static final String INVITE = "invite";
    static final String REDACT = "redact";

    /**
     * The level of a room version 12 creator: "infinitely high" (rooms/v12, "Authorisation
     * rules"). Every comparison the rules make holds with it: a creator's level is at least any
     * required level, and one creator's is not below another's.
     */
    public static final long INFINITE = Long.MAX_VALUE;

    private final Map<String, Object> content;
    private final java.util.Set<String> creators;
    private final RoomVersion version;

    private PowerLevels(Map<String, Object> content, java.util.Set<String> creators, RoomVersion version) {
        this.content = content;
        this.creators = creators;
        this.version = version;
    }

    /**
     * @param powerLevels the {@code m.room.power_levels} event, or null if the room has none
     * @param create      the {@code m.room.create} event (used only when there are no power levels)
     */
    public static PowerLevels of(Pdu powerLevels, Pdu create, RoomVersion version) {
        Map<String, Object> content = powerLevels == null ? null : powerLevels.content();
        return new PowerLevels(content, creatorsOf(create, version), version);
    }

    /** The power levels in {@code auth}. */
    public static PowerLevels from(AuthEvents auth, RoomVersion version) {
        return of(auth.get("m.room.power_levels", ""), auth.get("m.room.create", ""), version);
    }

    /**
     * The room creator: {@code content.creator} of the create event in room versions 1-10, its
     * {@code sender} from room version 11 (which dropped the property). Null without a create
     * event or creator.
     */
    public static String creatorOf(Pdu create, RoomVersion version) {
        if (create == null) {
            return null;
        }
        if (version.v11RedactionAndEventFormat()) {
            return create.sender();
        }
        return create.content().get("creator") instanceof String s ? s : null;
    }

    /**
     * The room's creators: in room version 12 the create event's sender and every user ID in its
     * {@code content.additional_creators} (a malformed entry is left out: the create event's own
     * auth rule rejects such an event); before, the one {@link #creatorOf creator}. Empty without a
     * create event.
     */
    public static java.util.Set<String> creatorsOf(Pdu create, RoomVersion version) {
        java.util.Set<String> creators = new java.util.LinkedHashSet<>();
        String creator = creatorOf(create, version);
        if (creator != null) {
            creators.add(creator);
        }
        if (create != null && version.privilegedCreators()
                && create.content().get("additional_creators") instanceof java.util.List<?> more) {
            for (Object user : more) {
                if (user instanceof String s) {
                    creators.add(s);
                }
            }
        }
        return java.util.Collections.unmodifiableSet(creators);
    }

    /** Whether the room has a power levels event (otherwise everything is a default). */
    public boolean exists() {
        return content != null;
    }

    /** The level of {@code userId}: its {@code users} entry, else {@code users_default}. */
    public long userLevel(String userId) {
        boolean creator = userId != null && creators.contains(userId);
        if (creator && version.privilegedCreators()) {
            return INFINITE;
        }
        if (content == null) {
            // No m.room.power_levels event: "the room's creator has a power level of 100, and all
            // other users have a power level of 0".
            return creator ? CREATOR_DEFAULT_LEVEL : 0;
        }
        Map<String, Object> users = object("users");
        if (userId != null && users.containsKey(userId)) {
            return require("users." + userId, users.get(userId));
        }
        return usersDefault();
    }

    /**
     * The event type's required power level ("Definitions"): its entry in {@code events}, else
     * {@code state_default} for state events and {@code events_default} for the others.
     */
    public long requiredForEvent(String type, boolean isState) {
        Map<String, Object> events = object("events");
        if (type != null && events.containsKey(type)) {
            return require("events." + type, events.get(type));
        }
        return isState ? stateDefault() : eventsDefault();
    }

    public long usersDefault() {
        return level(USERS_DEFAULT, 0);
    }

    public long eventsDefault() {
        return level(EVENTS_DEFAULT, 0);
    }

    /** 50 when unspecified, with or without a power levels event (see class comment). */
    public long stateDefault() {
        return level(STATE_DEFAULT, 50);
    }

    public long ban() {
        return level(BAN, 50);
    }

    public long kick() {
        return level(KICK, 50);
    }

    public long invite() {
        return level(INVITE, 0);
    }

    public long redact() {
        return level(REDACT, 50);
    }

    /**
     * The level needed to trigger notification {@code key}; {@code room} (an {@code @room}
     * mention) defaults to 50, other keys have no default.
     */
    public OptionalLong notification(String key) {
        Map<String, Object> notifications = object("notifications");
        if (key != null && notifications.containsKey(key)) {
            return OptionalLong.of(require("notifications." + key, notifications.get(key)));
        }
        return "room".equals(key) ? OptionalLong.of(50) : OptionalLong.empty();
    }

    /** The explicit value of a top-level level property, or null when absent. */
    Long explicit(String key) {
        if (content == null || !content.containsKey(key)) {
            return null;
        }
        return require(key, content.get(key));
    }

    /**
     * The explicit entries of {@code events}, {@code notifications} or {@code users}, each value
     * parsed; empty when the property is absent or not an object.
     */
    Map<String, Long> explicitMap(String property) {
        Map<String, Long> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : object(property).entrySet()) {
            parsed.put(entry.getKey(), require(property + "." + entry.getKey(), entry.getValue()));
        }
        return parsed;
    }

    private long level(String key, long dflt) {
        Long value = explicit(key);
        return value == null ? dflt : value;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String key) {
        if (content == null) {
            return Map.of();
        }
        // A non-object is read as empty: from v10 the auth rules reject such an event; before,
        // implementations ignored it (Synapse's .get(key, {}) on a mapping).
        return content.get(key) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private long require(String name, Object raw) {
        Long value = PowerLevelValue.parse(raw, version);
        if (value == null) {
            throw new AuthorizationException("m.room.power_levels value " + name + " = " + describe(raw)
                    + " is not a valid power level in room version " + version.id());
        }
        return value;
    }

    static String describe(Object raw) {
        return raw instanceof String s ? '"' + s + '"' : String.valueOf(raw);
    }
}
