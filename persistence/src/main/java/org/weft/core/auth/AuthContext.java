package org.weft.core.auth;

import java.util.Objects;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.UserId;

/**
 * One authorisation check in progress: the event, its room version and the state it is checked
 * against, with the lookups the rules phrase as "the sender's current membership state", "the
 * join_rule" and "the sender's power level" (rooms/v1..v11, "Authorisation rules").
 *
 * <p>Every lookup enforces rule 2.5 ("If any event in auth_events has a room_id which does not
 * match that of the event being authorised, reject") for the events the rules actually consult;
 * {@link AuthEventSelection#checkAuthEvents} checks the complete list.
 */
final class AuthContext {

    static final String CREATE = "m.room.create";
    static final String MEMBER = "m.room.member";
    static final String JOIN_RULES = "m.room.join_rules";
    static final String POWER_LEVELS = "m.room.power_levels";
    static final String THIRD_PARTY_INVITE = "m.room.third_party_invite";

    final Pdu event;
    final RoomVersion version;
    private final AuthEvents auth;
    private PowerLevels powerLevels;

    AuthContext(Pdu event, RoomVersion version, AuthEvents auth) {
        this.event = event;
        this.version = version;
        this.auth = auth;
    }

    /** The state event for (type, stateKey), or null; rejects one from another room (rule 2.5). */
    Pdu get(String type, String stateKey) {
        Pdu found = auth.get(type, stateKey);
        // A version 12 create event has no room_id: its room is its own ID (rule 2, checked by
        // EventAuthRules), not a property to compare.
        boolean createOfHashedRoom = version.hashedRoomIds() && CREATE.equals(type);
        if (found != null && !createOfHashedRoom && !Objects.equals(found.roomId(), event.roomId())) {
            throw reject("auth event " + found.eventId() + " (" + type + ") belongs to room "
                    + found.roomId() + ", not " + event.roomId());
        }
        return found;
    }

    Pdu create() {
        return get(CREATE, "");
    }

    /** The user's current membership, or null when they have no member event. */
    String membership(String userId) {
        if (userId == null) {
            return null;
        }
        Pdu member = get(MEMBER, userId);
        return member != null && member.content().get("membership") instanceof String m ? m : null;
    }

    boolean isJoined(String userId) {
        return "join".equals(membership(userId));
    }

    /**
     * The room's join rule. Without an {@code m.room.join_rules} event the spec names no rule;
     * Weft reads it as {@code invite}, as Synapse and gomatrixserverlib do, so invited users of a
     * room created without join rules can still join.
     */
    String joinRule() {
        Pdu joinRules = get(JOIN_RULES, "");
        if (joinRules == null) {
            return "invite";
        }
        return joinRules.content().get("join_rule") instanceof String rule ? rule : null;
    }

    PowerLevels powerLevels() {
        if (powerLevels == null) {
            powerLevels = PowerLevels.of(get(POWER_LEVELS, ""), create(), version);
        }
        return powerLevels;
    }

    long senderLevel() {
        return powerLevels().userLevel(event.sender());
    }

    /** The server name of a user ID as written; rejects a malformed ID. */
    static String userDomain(String userId, String what) {
        try {
            return UserId.parse(userId).server().toString();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw reject(what + " " + PowerLevels.describe(userId) + " is not a valid user ID");
        }
    }

    /**
     * The domain of a room or event ID of the {@code sigil opaque:domain} form (room versions
     * 1-11 room IDs, v1-v2 event IDs): everything after the first colon, or null without one.
     */
    static String idDomain(String id) {
        if (id == null) {
            return null;
        }
        int colon = id.indexOf(':');
        return colon < 0 ? null : id.substring(colon + 1);
    }

    static AuthorizationException reject(String reason) {
        return new AuthorizationException(reason);
    }
}
