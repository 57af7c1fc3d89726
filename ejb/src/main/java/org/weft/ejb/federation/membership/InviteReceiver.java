package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.weft.core.crypto.EventSigner;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduFormat;
import org.weft.core.pdu.PduSignatures;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.StrippedState;
import org.weft.ejb.federation.RemoteServerKeys;
import org.weft.ejb.keys.ServerKeys;
import org.weft.persistence.users.AccountEntity;

/**
 * An invite from another server for one of our users (server-server API, "Inviting to a room",
 * {@code PUT /_matrix/federation/v2/invite/{roomId}/{eventId}}): checked (the inviter's server
 * signed it, it invites an existing user of ours, in a room version we support), countersigned, and
 * kept with the stripped state that came with it so the user sees the invite in /sync.
 */
@Stateless
public class InviteReceiver {

    /** Most stripped state events kept from an invite. */
    static final int MAX_STRIPPED = 50;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    RemoteRoomImport store;

    @EJB
    ServerKeys ourKeys;

    @Inject
    RemoteServerKeys keys;

    @Inject
    WeftSettings settings;

    /**
     * @return the invite with our signature added
     * @throws MatrixException 400 M_INCOMPATIBLE_ROOM_VERSION, 400 M_BAD_JSON, 403 M_FORBIDDEN (not the
     *         origin's user, not signed by it), 404 M_NOT_FOUND (no such user here)
     */
    public Pdu receive(ServerName origin, String roomId, String eventId, Object body) {
        if (!(body instanceof Map<?, ?> request) || !(request.get("event") instanceof Map<?, ?> json)) {
            throw MatrixException.badJson("The body is {\"event\", \"room_version\", \"invite_room_state\"}");
        }
        RoomVersion version = request.get("room_version") instanceof String id ? RoomVersion.all().get(id) : null;
        if (version == null) {
            throw new MatrixException(ErrCode.M_INCOMPATIBLE_ROOM_VERSION, 400,
                    "Room version " + request.get("room_version") + " is not supported here",
                    Map.of("room_version", String.valueOf(request.get("room_version"))));
        }
        Pdu invite = parse(json, version, roomId, eventId);
        UserId invitee = UserId.parse(invite.stateKey());
        if (!invitee.server().equals(settings.serverName())) {
            throw MatrixException.badJson(invite.stateKey() + " is not a user of this server");
        }
        if (em.find(AccountEntity.class, invite.stateKey()) == null) {
            throw MatrixException.notFound("No user " + invite.stateKey());
        }
        if (!UserId.parse(invite.sender()).server().equals(origin)) {
            throw MatrixException.forbidden(origin + " may not invite on behalf of " + invite.sender());
        }
        try {
            PduSignatures.verify(invite, version, keys.forRoom(version));
        } catch (InvalidPduException e) {
            throw MatrixException.forbidden("The invite is not signed by " + origin + ": " + e.getMessage());
        }
        Pdu countersigned = EventSigner.countersign(invite, version, settings.serverName().toString(), ourKeys.signingKey());
        store.storeOutOfBand(roomId, version, countersigned, stripped(request.get("invite_room_state")));
        return countersigned;
    }

    /**
     * The deprecated {@code /v1/invite}: the body is the event, with the room's stripped state in
     * {@code unsigned.invite_room_state}, and no room version. Only rooms of versions 1 and 2 are
     * invited this way, which differ only in state resolution: the room is taken as version 1 (as
     * Synapse does) until the join, whose {@code make_join} says which it is.
     */
    public Pdu receiveV1(ServerName origin, String roomId, String eventId, Object body) {
        if (!(body instanceof Map<?, ?> event)) {
            throw MatrixException.badJson("The body is the invite event");
        }
        Object roomState = event.get("unsigned") instanceof Map<?, ?> unsigned ? unsigned.get("invite_room_state") : null;
        Map<String, Object> request = new java.util.HashMap<>();
        request.put("event", event);
        request.put("room_version", RoomVersion.V1.id());
        if (roomState != null) {
            request.put("invite_room_state", roomState);
        }
        return receive(origin, roomId, eventId, request);
    }

    @SuppressWarnings("unchecked")
    private static Pdu parse(Map<?, ?> json, RoomVersion version, String roomId, String eventId) {
        Pdu invite;
        try {
            invite = PduFormat.parse((Map<String, Object>) json, version);
            UserId.parse(invite.sender());
            UserId.parse(String.valueOf(invite.stateKey()));
        } catch (InvalidPduException | IllegalArgumentException e) {
            throw MatrixException.badJson("Not an event: " + e.getMessage());
        }
        if (!invite.eventId().equals(eventId) || !roomId.equals(invite.roomId()) || !"m.room.member".equals(invite.type())
                || !"invite".equals(invite.content().get("membership"))) {
            throw MatrixException.badJson("Not an invite with ID " + eventId + " to " + roomId);
        }
        return invite;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> stripped(Object value) {
        List<Map<String, Object>> events = new ArrayList<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> event && event.get("type") instanceof String && events.size() < MAX_STRIPPED) {
                    // Whole PDUs since v1.16, stripped before; clients get them stripped either way.
                    events.add(StrippedState.strip((Map<String, Object>) event));
                }
            }
        }
        return events;
    }
}
