package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.event.RoomVersion;
import org.weft.core.event.StateKey;
import org.weft.core.id.UserId;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventService;
import org.weft.ejb.federation.membership.RemoteInvite;
import org.weft.ejb.users.Tokens;
import org.weft.persistence.rooms.RoomEntity;

/**
 * POST /createRoom (client-server API, "Creation"): one transaction that creates the room and
 * sends its initial events as proper PDUs in the order the spec prescribes: create, the creator's
 * join, power levels, canonical alias, the preset's state, initial_state, name and topic, invites.
 * Every event passes the auth rules like any other.
 */
@Stateless
public class RoomCreationService {

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @Inject
    WeftSettings settings;

    @EJB
    org.weft.ejb.users.ProfileService profiles;

    @EJB
    EventService events;

    @EJB
    AliasService aliases;

    @Inject
    RemoteInvite remoteInvite;

    public String create(String creator, CreateRoomRequest request) {
        RoomVersion version = version(request.roomVersion());
        String preset = RoomPresets.resolve(request.preset(), request.visibility());
        if (request.visibility() != null && !"public".equals(request.visibility()) && !"private".equals(request.visibility())) {
            throw MatrixException.invalidParam("visibility must be 'public' or 'private'");
        }
        List<String> invitees = validInvitees(request.invite(), creator);
        String alias = request.roomAliasName() == null ? null : aliases.localAlias(request.roomAliasName());
        validateInitialState(request.initialState());

        Map<String, Object> createContent = new LinkedHashMap<>();
        if (request.creationContent() != null) {
            createContent.putAll(request.creationContent());
        }
        // 1. m.room.create and 2. the creator joins
        String roomId = newRoom(creator, version, createContent, "public".equals(request.visibility()));
        // 3. power levels, overridden key by key
        Map<String, Object> powerLevels = RoomPresets.defaultPowerLevels(creator, preset);
        if (RoomPresets.TRUSTED_PRIVATE_CHAT.equals(preset)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> users = (Map<String, Object>) powerLevels.get("users");
            invitees.forEach(invitee -> users.put(invitee, 100L));
        }
        if (request.powerLevelContentOverride() != null) {
            powerLevels.putAll(request.powerLevelContentOverride());
        }
        send(roomId, creator, EventDraft.state("m.room.power_levels", "", powerLevels));
        // 4. canonical alias
        if (alias != null) {
            aliases.create(alias, roomId, creator);
            send(roomId, creator, EventDraft.state("m.room.canonical_alias", "", Map.of("alias", alias)));
        }
        // 5. the preset's state, unless initial_state sets the same state
        Set<StateKey> initialKeys = new HashSet<>();
        request.initialState().forEach(e -> initialKeys.add(new StateKey(e.type(), e.stateKey())));
        sendUnlessOverridden(roomId, creator, initialKeys, "m.room.join_rules", Map.of("join_rule", RoomPresets.joinRule(preset)));
        sendUnlessOverridden(roomId, creator, initialKeys, "m.room.history_visibility", Map.of("history_visibility", "shared"));
        sendUnlessOverridden(roomId, creator, initialKeys, "m.room.guest_access", Map.of("guest_access", RoomPresets.guestAccess(preset)));
        // 6. initial_state, in order
        for (CreateRoomRequest.InitialStateEvent state : request.initialState()) {
            send(roomId, creator, EventDraft.state(state.type(), state.stateKey(), state.content()));
        }
        // 7. name and topic
        if (request.name() != null) {
            send(roomId, creator, EventDraft.state("m.room.name", "", Map.of("name", request.name())));
        }
        if (request.topic() != null) {
            // Spec (createRoom): the topic is text/plain, carried in m.topic as well since v1.15.
            send(roomId, creator, EventDraft.state("m.room.topic", "", Map.of("topic", request.topic(),
                    "m.topic", List.of(Map.of("body", request.topic(), "mimetype", "text/plain")))));
        }
        // 8. invites
        for (String invitee : invitees) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("membership", "invite");
            if (request.isDirect()) {
                content.put("is_direct", true);
            }
            // One to another server's user is countersigned by that server first, as in /invite; if
            // it refuses or cannot be reached, createRoom fails as a whole (one transaction per action).
            events.append(roomId, creator, EventDraft.state("m.room.member", invitee, content), null,
                    UserId.parse(invitee).server().equals(settings.serverName()) ? null : remoteInvite::countersign);
        }
        return roomId;
    }

    /**
     * Creates a room with its first two events: m.room.create (the server sets {@code creator} for
     * versions before 11 and {@code room_version}) and the creator's join. Used by createRoom and
     * by room upgrades.
     */
    public String newRoom(String creator, RoomVersion version, Map<String, Object> createContent, boolean published) {
        String roomId = "!" + Tokens.randomString(18).replace('-', 'a').replace('_', 'b') + ":" + settings.serverName();
        em.persist(new RoomEntity(roomId, version.id(), creator, published, System.currentTimeMillis()));
        em.flush();
        Map<String, Object> content = new LinkedHashMap<>(createContent);
        content.remove("creator");
        if (!version.v11RedactionAndEventFormat()) {
            content.put("creator", creator);
        }
        content.put("room_version", version.id());
        send(roomId, creator, EventDraft.state("m.room.create", "", content));
        Map<String, Object> join = new java.util.LinkedHashMap<>();
        join.put("membership", "join");
        join.putAll(profiles.memberFields(creator));
        send(roomId, creator, EventDraft.state("m.room.member", creator, join));
        return roomId;
    }

    /** Resolves a requested room version; unknown: 400 M_UNSUPPORTED_ROOM_VERSION. */
    public RoomVersion version(String requested) {
        String id = requested == null ? settings.defaultRoomVersion() : requested;
        return RoomVersion.of(id).orElseThrow(() -> new MatrixException(ErrCode.M_UNSUPPORTED_ROOM_VERSION,
                "Room version " + id + " is not supported" + (requested == null ? " (weft.rooms.default_version)" : "")));
    }

    private void sendUnlessOverridden(String roomId, String creator, Set<StateKey> initialKeys, String type,
                                      Map<String, Object> content) {
        if (!initialKeys.contains(new StateKey(type, ""))) {
            send(roomId, creator, EventDraft.state(type, "", content));
        }
    }

    private void send(String roomId, String sender, EventDraft draft) {
        events.append(roomId, sender, draft);
    }

    private static List<String> validInvitees(List<String> invite, String creator) {
        List<String> invitees = new ArrayList<>();
        for (String userId : invite) {
            try {
                UserId.parse(userId);
            } catch (IllegalArgumentException e) {
                throw MatrixException.invalidParam("Invalid user ID to invite: " + userId);
            }
            if (!userId.equals(creator) && !invitees.contains(userId)) {
                invitees.add(userId);
            }
        }
        return invitees;
    }

    private static void validateInitialState(List<CreateRoomRequest.InitialStateEvent> initialState) {
        for (CreateRoomRequest.InitialStateEvent state : initialState) {
            if ("m.room.create".equals(state.type()) || "m.room.member".equals(state.type())) {
                throw new MatrixException(ErrCode.M_INVALID_ROOM_STATE,
                        "initial_state cannot set " + state.type());
            }
        }
    }
}
