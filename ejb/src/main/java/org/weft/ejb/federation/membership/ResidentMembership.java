package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.weft.core.auth.AuthorizationException;
import org.weft.core.auth.ServerSignatureCheck;
import org.weft.core.crypto.EventSigner;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.federation.ServerAcl;
import org.weft.core.id.ServerName;
import org.weft.core.id.UserId;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduFormat;
import org.weft.core.state.AuthChains;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventReader;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.RoomState;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.events.StrippedState;
import org.weft.ejb.federation.inbound.PduIntake;
import org.weft.ejb.federation.outbound.OutboundQueue;
import org.weft.ejb.federation.outbound.RoomServers;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Weft as the resident server of a room another server's user joins or leaves: {@code make_join}
 * / {@code make_leave} templates checked against the room's current state, and {@code send_join} /
 * {@code send_leave} events received as PDUs in the request's transaction (so the answer reflects
 * them), then relayed to the room's other servers.
 */
@Stateless
public class ResidentMembership {

    /** What a joining server learns (server-server API, send_join v2 response). */
    public record JoinedState(List<Pdu> state, List<Pdu> authChain, Pdu event, List<String> serversInRoom) {
    }

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    EventService events;

    @EJB
    EventReader reader;

    @EJB
    StateAtEvent stateAt;

    @EJB
    PduIntake intake;

    @Inject
    OutboundQueue outbound;

    @Inject
    RoomServers roomServers;

    @Inject
    WeftSettings settings;

    @EJB
    RestrictedJoins restricted;

    @EJB
    org.weft.ejb.keys.ServerKeys ourKeys;

    /**
     * {@code GET /make_join/{roomId}/{userId}?ver=} and {@code /make_leave}: an unsigned template.
     *
     * @param supportedVersions the room versions the joining server supports ({@code ver}); null for
     *                          make_leave, and "1" alone when a make_join names none
     * @return the template and the room's version
     */
    public Map<String, Object> template(ServerName origin, String roomId, String userId, String membership,
                                        List<String> supportedVersions) {
        requireUserOf(origin, userId);
        RoomEntity room = room(roomId);
        RoomVersion version = RoomVersion.recognised(room.getRoomVersion()).orElseThrow();
        if (supportedVersions != null) {
            List<String> versions = supportedVersions.isEmpty() ? List.of("1") : supportedVersions;
            if (!versions.contains(version.id())) {
                throw new MatrixException(ErrCode.M_INCOMPATIBLE_ROOM_VERSION, 400,
                        "The room's version " + version.id() + " is not among those the server supports",
                        Map.of("room_version", version.id()));
            }
        }
        RoomState current = events.currentState(room);
        requireAclAllows(current, origin);
        Map<String, Object> content = new java.util.LinkedHashMap<>();
        content.put("membership", membership);
        String authoriser = "join".equals(membership) ? restricted.authoriser(room, version, current, userId) : null;
        if (authoriser != null) {
            content.put("join_authorised_via_users_server", authoriser);
        }
        Map<String, Object> template = events.template(room, version, current, userId,
                new EventDraft("m.room.member", userId, content, null), origin.toString());
        try {
            // The joining server will sign exactly this: refuse now what the room would refuse then
            // (our own signature, which a restricted join needs, comes with send_join).
            String us = settings.serverName().toString();
            new org.weft.core.auth.EventAuthRules(org.weft.core.auth.SignedThirdPartyInvites.INSTANCE,
                    (event, server) -> us.equals(server) || ServerSignatureCheck.SIGNATURE_PRESENT.isSignedBy(event, server))
                    .authorize(Pdu.of("$template", template), version, (type, stateKey) -> pdu(current.get(type, stateKey)));
        } catch (AuthorizationException e) {
            throw MatrixException.forbidden("The room does not let " + userId + " " + membership + ": " + e.getMessage());
        }
        return Map.of("event", template, "room_version", version.id());
    }

    /**
     * {@code PUT /send_join/{roomId}/{eventId}} and {@code /send_leave}: the signed event, received
     * as a PDU and relayed to the room's other servers.
     *
     * @return for a join, the state before it and its auth chain; for a leave, null
     */
    public JoinedState receive(ServerName origin, String roomId, String eventId, String membership, Object body) {
        if (!(body instanceof Map<?, ?> map)) {
            throw MatrixException.badJson("The body is the signed membership event");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = (Map<String, Object>) map;
        RoomEntity room = room(roomId);
        RoomVersion version = RoomVersion.recognised(room.getRoomVersion()).orElseThrow();
        Pdu pdu;
        try {
            pdu = PduFormat.parse(json, version);
        } catch (InvalidPduException e) {
            throw MatrixException.badJson(e.getMessage());
        }
        if (!pdu.eventId().equals(eventId) || !roomId.equals(pdu.roomId()) || !"m.room.member".equals(pdu.type())
                || !pdu.sender().equals(pdu.stateKey()) || !membership.equals(pdu.content().get("membership"))) {
            throw MatrixException.badJson("Not a " + membership + " event of " + eventId + " in " + roomId
                    + " whose sender is its state_key");
        }
        requireUserOf(origin, pdu.sender());
        RoomState current = events.currentState(room);
        requireAclAllows(current, origin);
        if (pdu.content().get("join_authorised_via_users_server") instanceof String authoriser
                && authoriser.endsWith(":" + settings.serverName())
                && restricted.authoriser(room, version, current, pdu.sender()) != null) {
            // We vouch for this restricted join (the user is in an allowed room): our signature,
            // which auth rule 4.3.4 asks of the authorising user's server.
            json = EventSigner.countersign(pdu, version, settings.serverName().toString(), ourKeys.signingKey()).json();
        }
        PduIntake.Outcome outcome = intake.receiveHere(origin, json);
        StoredEvent stored = reader.stored(eventId);
        if (stored == null) {
            throw MatrixException.forbidden("The " + membership + " event was not accepted"
                    + (outcome.error() == null ? " (the room's current state refuses it)" : ": " + outcome.error()));
        }
        Set<String> others = new TreeSet<>(roomServers.of(roomId));
        others.remove(origin.toString());
        if (outcome.error() == null && !others.isEmpty()) {
            outbound.enqueue(stored.pdu(), others);
        }
        if (!"join".equals(membership)) {
            return null;
        }
        RoomState before = stateAt.before(version, stored.pdu().prevEvents());
        Set<String> chainRoots = new LinkedHashSet<>(before.entries().values());
        chainRoots.addAll(stored.pdu().authEvents());
        List<String> servers = new ArrayList<>(roomServers.of(roomId));
        servers.add(settings.serverName().toString());
        return new JoinedState(pdus(before.entries().values()),
                pdus(new AuthChains(stateAt.lookup()).ofAll(chainRoots)), stored.pdu(), servers);
    }

    /**
     * {@code knock_room_state} for a knock just received: the room's recommended state and the
     * knock itself, as whole PDUs (server-server API v1.16 and later).
     */
    public List<Map<String, Object>> knockRoomState(String roomId, String knocker) {
        RoomState current = events.currentState(room(roomId));
        return StrippedState.pdus(current, this::pdu, knocker);
    }

    private RoomEntity room(String roomId) {
        RoomEntity room = em.find(RoomEntity.class, roomId);
        if (room == null || RoomVersion.recognised(room.getRoomVersion()).isEmpty()) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
        return room;
    }

    private static void requireUserOf(ServerName origin, String userId) {
        UserId user;
        try {
            user = UserId.parse(userId);
        } catch (IllegalArgumentException e) {
            throw MatrixException.badJson(userId + " is not a user ID");
        }
        if (!user.server().equals(origin)) {
            throw MatrixException.forbidden(origin + " may not act for " + userId);
        }
    }

    private void requireAclAllows(RoomState current, ServerName origin) {
        String aclId = current.get("m.room.server_acl", "");
        if (aclId != null && !ServerAcl.allows(reader.pdu(aclId).content(), origin)) {
            throw MatrixException.forbidden("The room's server ACL does not admit " + origin);
        }
    }

    private Pdu pdu(String eventId) {
        return eventId == null ? null : reader.pdu(eventId);
    }

    private List<Pdu> pdus(java.util.Collection<String> ids) {
        List<Pdu> list = new ArrayList<>(ids.size());
        for (String id : ids) {
            Pdu pdu = reader.pdu(id);
            if (pdu != null) {
                list.add(pdu);
            }
        }
        return list;
    }
}
