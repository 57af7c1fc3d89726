package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.PowerLevels;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.rooms.PowerLevelQueries;
import org.weft.ejb.rooms.RoomAccess;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Joins of restricted rooms as their resident server (server-server API, "Restricted rooms"; rooms
 * v8 "Restricted rooms", v10 {@code knock_restricted}): a user may join when they are joined to one
 * of the rooms the join rules allow, and the resident server vouches for it by naming one of its
 * users who may invite in {@code join_authorised_via_users_server} and signing the join (auth rule
 * 4.3.4 checks both). This server can only vouch for memberships of rooms it holds itself.
 */
@Stateless
public class RestrictedJoins {

    @EJB
    RoomAccess access;

    @EJB
    PowerLevelQueries powerLevels;

    @Inject
    WeftSettings settings;

    /**
     * The local user to name in {@code join_authorised_via_users_server} for {@code userId}'s join,
     * or null when none is needed (the room is not restricted, the user is already joined or
     * invited) or none can be given (the user is in no allowed room this server holds, or no local
     * member may invite).
     */
    public String authoriser(RoomEntity room, RoomVersion version, RoomState current, String userId) {
        Map<String, Object> joinRules = access.content(current, "m.room.join_rules", "");
        Object rule = joinRules == null ? null : joinRules.get("join_rule");
        boolean restricted = ("restricted".equals(rule) && version.restrictedJoinRule())
                || ("knock_restricted".equals(rule) && version.knockRestrictedJoinRule());
        String membership = access.membershipIn(current, userId);
        if (!restricted || "join".equals(membership) || "invite".equals(membership)
                || !(joinRules.get("allow") instanceof List<?> allow) || !inAllowedRoom(allow, userId)) {
            return null;
        }
        PowerLevels levels = powerLevels.current(room);
        String suffix = ":" + settings.serverName();
        for (StateKey key : current.entries().keySet()) {
            if ("m.room.member".equals(key.type()) && key.stateKey().endsWith(suffix)
                    && "join".equals(access.membershipIn(current, key.stateKey()))
                    && levels.userLevel(key.stateKey()) >= levels.invite()) {
                return key.stateKey();
            }
        }
        return null;
    }

    private boolean inAllowedRoom(List<?> allow, String userId) {
        for (Object entry : allow) {
            if (entry instanceof Map<?, ?> condition && "m.room_membership".equals(condition.get("type"))
                    && condition.get("room_id") instanceof String roomId) {
                try {
                    if ("join".equals(access.membership(roomId, userId))) {
                        return true;
                    }
                } catch (org.weft.core.error.MatrixException e) {
                    // a room this server does not hold: it cannot vouch for memberships there
                }
            }
        }
        return false;
    }
}
