package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.auth.PowerLevels;
import org.weft.core.error.MatrixException;
import org.weft.core.event.RoomVersion;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.RoomState;
import org.weft.persistence.rooms.RoomAliasEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * POST /rooms/{roomId}/upgrade (client-server API, "Room Upgrades", server behaviour steps 1-6),
 * in one transaction: permission check, the replacement room with {@code predecessor}, the
 * transferable state, the aliases moved, the tombstone, and the old room's power levels restricted.
 */
@Stateless
public class RoomUpgradeService {

    /** The recommended transferable state (spec step 3), power levels first so the rest is allowed. */
    static final List<String> TRANSFERABLE = List.of("m.room.power_levels", "m.room.join_rules",
            "m.room.history_visibility", "m.room.guest_access", "m.room.name", "m.room.avatar", "m.room.topic",
            "m.room.encryption", "m.room.server_acl");

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    RoomAccess access;

    @EJB
    PowerLevelQueries powerLevels;

    @EJB
    RoomCreationService creation;

    public String upgrade(String roomId, String userId, String newVersion) {
        RoomVersion version = creation.version(newVersion);
        RoomEntity old = events.lockRoom(roomId);
        access.requireJoined(roomId, userId);
        // 1. the user must be able to send m.room.tombstone in the old room
        PowerLevels levels = powerLevels.current(old);
        if (levels.userLevel(userId) < levels.requiredForEvent("m.room.tombstone", true)) {
            throw MatrixException.forbidden("You do not have the power to upgrade this room");
        }
        RoomState state = access.currentState(old);

        // 2. the replacement room, pointing back at the old one's last event
        Map<String, Object> createContent = new LinkedHashMap<>();
        Map<String, Object> oldCreate = access.content(state, "m.room.create", "");
        if (oldCreate != null && oldCreate.get("type") != null) {
            createContent.put("type", oldCreate.get("type"));
        }
        if (oldCreate != null && oldCreate.containsKey("m.federate")) {
            createContent.put("m.federate", oldCreate.get("m.federate"));
        }
        String lastEvent = old.getForwardExtremities().get(0);
        createContent.put("predecessor", Map.of("room_id", roomId, "event_id", lastEvent));
        String newRoomId = creation.newRoom(userId, version, createContent, old.isPublished());

        // 3. transferable state
        for (String type : TRANSFERABLE) {
            Map<String, Object> content = access.content(state, type, "");
            if (content != null) {
                Map<String, Object> copy = "m.room.power_levels".equals(type)
                        ? PowerLevelContent.normalise(content, version) : content;
                events.append(newRoomId, userId, EventDraft.state(type, "", copy));
            }
        }
        // 4. local aliases move; the canonical alias follows them
        for (RoomAliasEntity alias : em.createNamedQuery(RoomAliasEntity.FIND_BY_ROOM, RoomAliasEntity.class)
                .setParameter("roomId", roomId).getResultList()) {
            em.remove(alias);
            em.persist(new RoomAliasEntity(alias.getRoomAlias(), newRoomId, alias.getCreator(), alias.getCreatedTs()));
        }
        em.flush();
        Map<String, Object> canonical = access.content(state, "m.room.canonical_alias", "");
        if (canonical != null && !canonical.isEmpty()) {
            events.append(newRoomId, userId, EventDraft.state("m.room.canonical_alias", "", canonical));
            events.append(roomId, userId, EventDraft.state("m.room.canonical_alias", "", Map.of()));
        }
        old.setPublished(false);

        // 5. the tombstone
        events.append(roomId, userId, EventDraft.state("m.room.tombstone", "",
                Map.of("body", "This room has been replaced", "replacement_room", newRoomId)));
        // 6. the old room goes quiet: no messages or invites from ordinary members
        Map<String, Object> oldLevels = access.content(access.currentState(old), "m.room.power_levels", "");
        if (oldLevels != null) {
            events.append(roomId, userId, EventDraft.state("m.room.power_levels", "",
                    PowerLevelContent.restrict(oldLevels, levels.usersDefault())));
        }
        return newRoomId;
    }
}
