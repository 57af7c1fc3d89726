package org.weft.ejb.rooms;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.id.UserId;
import org.weft.ejb.events.EventDraft;
import org.weft.ejb.events.EventService;
import org.weft.ejb.events.StoredEvent;
import org.weft.ejb.federation.RemoteDirectory;
import org.weft.ejb.federation.membership.RemoteInvite;
import org.weft.ejb.federation.membership.RemoteMembership;
import org.weft.ejb.federation.outbound.RoomServers;
import org.weft.persistence.rooms.CurrentStateEntity;
import org.weft.persistence.rooms.ForgottenRoomEntity;
import org.weft.persistence.rooms.RoomEntity;

/**
 * Room membership (client-server API, "Room membership"): join, invite, leave, kick, ban, unban,
 * knock, forget, and the membership lists. Every change is an m.room.member event through the
 * single write path, so the auth rules decide (M_FORBIDDEN with their reason).
 */
@Stateless
public class MembershipService {

    @EJB
    RemoteMembership remoteMembership;

    @jakarta.inject.Inject
    RemoteInvite remoteInvite;

    @EJB
    org.weft.ejb.events.EventReader reader;

    @jakarta.inject.Inject
    RoomServers roomServers;

    @jakarta.inject.Inject
    org.weft.ejb.config.WeftSettings settings;

    @PersistenceContext(unitName = "weft")
    EntityManager em;

    @EJB
    org.weft.ejb.users.ProfileService profiles;

    @EJB
    EventService events;

    @EJB
    AliasService aliases;

    @EJB
    RoomAccess access;

    /** POST /join/{roomIdOrAlias} and /rooms/{roomId}/join, with no servers named. */
    public String join(String roomIdOrAlias, String userId, String reason) {
        return join(roomIdOrAlias, userId, reason, List.of());
    }

    /**
     * POST /join/{roomIdOrAlias} and /rooms/{roomId}/join: in a room this server is in, a local
     * event; otherwise through one of the room's servers ({@link RemoteMembership}): those the client
     * named ({@code via}), the alias's, the room ID's.
     */
    public String join(String roomIdOrAlias, String userId, String reason, List<String> via) {
        RemoteDirectory.Target target = resolve(roomIdOrAlias, via);
        String roomId = target.roomId();
        List<String> servers = target.servers();
        if (inRoomHere(roomId)) {
            if ("join".equals(access.membership(roomId, userId))) {
                return roomId;
            }
            send(roomId, userId, userId, "join", reason);
        } else {
            servers.addAll(inviterServer(roomId, userId));
            servers.addAll(roomIdServer(roomId));
            remoteMembership.join(userId, roomId, servers, reason);
        }
        unforget(userId, roomId);
        return roomId;
    }

    /**
     * The room a room ID or alias names, and the servers to reach it through, in order: those the
     * client named ({@code via}), then the alias's (a list the caller may add to).
     */
    private RemoteDirectory.Target resolve(String roomIdOrAlias, List<String> via) {
        List<String> servers = new ArrayList<>(via);
        if (!roomIdOrAlias.startsWith("#")) {
            return new RemoteDirectory.Target(roomIdOrAlias, servers);
        }
        RemoteDirectory.Target target = aliases.target(roomIdOrAlias);
        servers.addAll(target.servers());
        return new RemoteDirectory.Target(target.roomId(), servers);
    }

    /**
     * Whether this server can write to the room itself: it holds the room (its create event, not
     * just an invite from another server) and one of its users is joined, or no other server is (a
     * room of this server alone, whoever is in it now).
     */
    private boolean inRoomHere(String roomId) {
        RoomEntity room = em.find(RoomEntity.class, roomId);
        if (room == null || access.currentState(room).get("m.room.create", "") == null) {
            return false;
        }
        return roomServers.includesUs(roomId) || roomServers.of(roomId).isEmpty();
    }

    /** The server of whoever invited the user to a room held elsewhere: it can let the user in or out. */
    private List<String> inviterServer(String roomId, String userId) {
        RoomEntity room = em.find(RoomEntity.class, roomId);
        String invite = room == null ? null : access.currentState(room).get("m.room.member", userId);
        if (invite == null) {
            return List.of();
        }
        String sender = reader.pdu(invite).sender();
        return List.of(sender.substring(sender.indexOf(':') + 1));
    }

    /** An invite; one to a user of another server is countersigned by that server first ({@link RemoteInvite}). */
    public void invite(String roomId, String sender, String target, String reason) {
        requireRoom(roomId);
        validUser(target);
        if (UserId.parse(target).server().equals(settings.serverName())) {
            send(roomId, sender, target, "invite", reason);
            unforget(target, roomId);
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", "invite");
        if (reason != null) {
            content.put("reason", reason);
        }
        events.append(roomId, sender, EventDraft.state("m.room.member", target, content), null, remoteInvite::countersign);
    }

    /**
     * An invite for a third-party identifier now bound to {@code target} (server-server API,
     * "Third-party invites"): {@code content.third_party_invite} carries the identity server's
     * {@code signed} object, which the auth rules check against the room's
     * {@code m.room.third_party_invite} event of {@code sender}; a user of another server is asked
     * to countersign as for any invite.
     *
     * @throws MatrixException 403 when the auth rules refuse it (no such token, another sender, a signature that does not match)
     */
    public void thirdPartyInvite(String roomId, String sender, String target, Map<String, Object> thirdPartyInvite) {
        requireRoom(roomId);
        validUser(target);
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", "invite");
        content.put("third_party_invite", thirdPartyInvite);
        boolean local = UserId.parse(target).server().equals(settings.serverName());
        events.append(roomId, sender, EventDraft.state("m.room.member", target, content), null,
                local ? null : remoteInvite::countersign);
        if (local) {
            unforget(target, roomId);
        }
    }

    /** A leave; refusing an invite to a room held elsewhere goes through the inviting server. */
    public void leave(String roomId, String userId, String reason) {
        requireRoom(roomId);
        String membership = access.membership(roomId, userId);
        if (membership == null) {
            throw MatrixException.forbidden("You are not a member of this room");
        }
        if (!inRoomHere(roomId) && ("invite".equals(membership) || "knock".equals(membership))) {
            List<String> servers = new ArrayList<>(inviterServer(roomId, userId));
            servers.addAll(roomIdServer(roomId));
            remoteMembership.leave(userId, roomId, servers, reason);
            return;
        }
        send(roomId, userId, userId, "leave", reason);
    }

    private static List<String> roomIdServer(String roomId) {
        int colon = roomId.indexOf(':');
        return colon > 0 ? List.of(roomId.substring(colon + 1)) : List.of();
    }

    public void kick(String roomId, String sender, String target, String reason) {
        requireRoom(roomId);
        validUser(target);
        String current = access.membership(roomId, target);
        if (!"join".equals(current) && !"invite".equals(current) && !"knock".equals(current)) {
            throw MatrixException.forbidden("The user is not in the room");
        }
        send(roomId, sender, target, "leave", reason);
    }

    public void ban(String roomId, String sender, String target, String reason) {
        requireRoom(roomId);
        validUser(target);
        send(roomId, sender, target, "ban", reason);
    }

    /** An unban of someone not banned is the spec's example of M_BAD_STATE. */
    public void unban(String roomId, String sender, String target, String reason) {
        requireRoom(roomId);
        validUser(target);
        if (!"ban".equals(access.membership(roomId, target))) {
            throw new MatrixException(ErrCode.M_BAD_STATE, "The user is not banned");
        }
        send(roomId, sender, target, "leave", reason);
    }

    /**
     * POST /knock/{roomIdOrAlias}: in a room this server is in, a local event; otherwise through
     * one of the room's servers ({@link RemoteMembership#knock}), as a join is.
     */
    public String knock(String roomIdOrAlias, String userId, String reason, List<String> via) {
        RemoteDirectory.Target target = resolve(roomIdOrAlias, via);
        String roomId = target.roomId();
        List<String> servers = target.servers();
        if (inRoomHere(roomId)) {
            send(roomId, userId, userId, "knock", reason);
        } else {
            servers.addAll(roomIdServer(roomId));
            remoteMembership.knock(userId, roomId, servers, reason);
        }
        unforget(userId, roomId);
        return roomId;
    }

    /** POST /rooms/{roomId}/forget: only once the user has left. */
    public void forget(String roomId, String userId) {
        String membership = access.membership(roomId, userId);
        if ("join".equals(membership) || "invite".equals(membership) || "knock".equals(membership)) {
            throw new MatrixException(ErrCode.M_UNKNOWN, 400, "You must leave the room before forgetting it", Map.of());
        }
        ForgottenRoomEntity.ForgottenRoomKey key = new ForgottenRoomEntity.ForgottenRoomKey(userId, roomId);
        if (em.find(ForgottenRoomEntity.class, key) == null) {
            em.persist(new ForgottenRoomEntity(userId, roomId));
        }
    }

    /** GET /joined_rooms. */
    public List<String> joinedRooms(String userId) {
        return em.createNamedQuery(CurrentStateEntity.ROOMS_OF_USER, String.class)
                .setParameter("userId", userId).setParameter("membership", "join").getResultList();
    }

    /** Spec (POST /forget): a forgotten room comes back when the user re-joins, is re-invited or knocks. */
    private void unforget(String userId, String roomId) {
        ForgottenRoomEntity forgotten = em.find(ForgottenRoomEntity.class,
                new ForgottenRoomEntity.ForgottenRoomKey(userId, roomId));
        if (forgotten != null) {
            em.remove(forgotten);
        }
    }

    private StoredEvent send(String roomId, String sender, String target, String membership, String reason) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", membership);
        if (sender.equals(target) && ("join".equals(membership) || "knock".equals(membership))) {
            // Spec ("Profiles"): a member event carries the user's display name and avatar.
            content.putAll(profiles.memberFields(target));
        }
        if (reason != null) {
            content.put("reason", reason);
        }
        return events.append(roomId, sender, EventDraft.state("m.room.member", target, content));
    }

    private void requireRoom(String roomId) {
        if (em.find(RoomEntity.class, roomId) == null) {
            throw MatrixException.notFound("Unknown room " + roomId);
        }
    }

    private static void validUser(String userId) {
        try {
            UserId.parse(userId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw MatrixException.invalidParam("Invalid user ID: " + userId);
        }
    }
}
