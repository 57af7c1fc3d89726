package org.weft.ejb.federation.membership;

import jakarta.ejb.EJB;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.weft.core.crypto.EventSigner;
import org.weft.core.error.ErrCode;
import org.weft.core.error.MatrixException;
import org.weft.core.event.Pdu;
import org.weft.core.event.RoomVersion;
import org.weft.core.id.ServerName;
import org.weft.core.pdu.InvalidPduException;
import org.weft.core.pdu.PduSignatures;
import org.weft.core.pdu.JoinResponse;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.events.StateAtEvent;
import org.weft.ejb.events.StrippedState;
import org.weft.ejb.federation.FederationHttp;
import org.weft.ejb.federation.RemoteServerKeys;
import org.weft.ejb.keys.ServerKeys;
import org.weft.ejb.users.ProfileService;

/**
 * Our user joins, or refuses an invite to, a room this server is not in (server-server API, "Joining Rooms", as the joining
 * server): {@code make_join} on one of the room's servers (those the client named, then the room
 * ID's or alias's server), the template completed and signed, {@code send_join} (v2), and the answer
 * checked event by event ({@link JoinResponse}) before anything is stored ({@link RemoteRoomImport}).
 * The requests run outside any transaction; a server that fails is followed by the next.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class RemoteMembership {

    private static final Logger LOG = Logger.getLogger(RemoteMembership.class);

    @Inject
    FederationHttp http;

    @Inject
    RemoteServerKeys remoteKeys;

    @EJB
    ServerKeys keys;

    @EJB
    ProfileService profiles;

    @EJB
    RemoteRoomImport store;

    @Inject
    WeftSettings settings;

    /** Most events kept of the room's state a knock is answered with. */
    static final int MAX_ROOM_STATE = 50;

    /**
     * @param servers the servers to ask, in order (ours is skipped)
     * @throws MatrixException the last server's refusal (403 when the room does not let the user in),
     *         404 when there is no server to ask
     */
    public String join(String userId, String roomId, List<String> servers, String reason) {
        through(servers, roomId, server -> joinThrough(server, userId, roomId, reason));
        return roomId;
    }

    /**
     * Our user refuses an invite (or withdraws a knock) to a room this server is not in
     * ("Leaving Rooms (Rejecting Invites)"): {@code make_leave}, the template signed, {@code send_leave}
     * (v2); the leave is then the user's membership here.
     */
    public void leave(String userId, String roomId, List<String> servers, String reason) {
        through(servers, roomId, server -> leaveThrough(server, userId, roomId, reason));
    }

    /**
     * Our user knocks on a room this server is not in ("Knocking on rooms"): {@code make_knock},
     * the template signed, {@code send_knock}; the knock is then the user's membership here, with
     * the room's state the resident server sent ({@code knock_room_state}) for /sync's knock_state.
     */
    public void knock(String userId, String roomId, List<String> servers, String reason) {
        through(servers, roomId, server -> knockThrough(server, userId, roomId, reason));
    }

    @SuppressWarnings("unchecked")
    private void knockThrough(ServerName server, String userId, String roomId, String reason) {
        String versions = RoomVersion.all().keySet().stream().map(v -> "ver=" + v).collect(Collectors.joining("&"));
        Map<String, Object> made = http.json("GET", server, "/_matrix/federation/v1/make_knock/" + encode(roomId) + "/"
                + encode(userId) + "?" + versions, null);
        RoomVersion version = made.get("room_version") instanceof String id ? RoomVersion.all().get(id) : null;
        if (version == null) {
            throw new MatrixException(ErrCode.M_UNSUPPORTED_ROOM_VERSION, 400,
                    "The room's version " + made.get("room_version") + " is not one this server supports", Map.of());
        }
        // Spec: a template that is not our user's knock in this room is malformed: try another server.
        if (!(made.get("event") instanceof Map<?, ?> template) || !isMembershipTemplate(template, roomId, userId)
                || !(template.get("content") instanceof Map<?, ?> given) || !"knock".equals(given.get("membership"))) {
            throw FederationHttp.unreachable(server);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", "knock");
        if (reason != null) {
            content.put("reason", reason);
        }
        Pdu knock = sign((Map<String, Object>) template, version, content);
        Map<String, Object> answer = http.json("PUT", server, "/_matrix/federation/v1/send_knock/" + encode(roomId) + "/"
                + encode(knock.eventId()), knock.json());
        List<Map<String, Object>> roomState = new ArrayList<>();
        if (answer.get("knock_room_state") instanceof List<?> sent) {
            for (Object item : sent.subList(0, Math.min(sent.size(), MAX_ROOM_STATE))) {
                if (item instanceof Map<?, ?> event && event.get("type") instanceof String) {
                    roomState.add(StrippedState.strip((Map<String, Object>) event));
                }
            }
        }
        store.storeOutOfBand(roomId, version, knock, roomState);
    }

    private void through(List<String> servers, String roomId, java.util.function.Consumer<ServerName> attempt) {
        String us = settings.serverName().toString();
        Set<String> candidates = new LinkedHashSet<>(servers);
        candidates.remove(us);
        MatrixException last = MatrixException.notFound("No server to reach " + roomId + " through");
        for (String candidate : candidates) {
            ServerName server;
            try {
                server = ServerName.parse(candidate);
            } catch (IllegalArgumentException e) {
                continue;
            }
            try {
                attempt.accept(server);
                return;
            } catch (MatrixException e) {
                LOG.debugf("Reaching %s through %s failed: %s", roomId, server, e.getMessage());
                last = e;
            }
        }
        throw last;
    }

    @SuppressWarnings("unchecked")
    private void leaveThrough(ServerName server, String userId, String roomId, String reason) {
        Map<String, Object> made = http.json("GET", server, "/_matrix/federation/v1/make_leave/" + encode(roomId) + "/"
                + encode(userId), null);
        RoomVersion version = made.get("room_version") instanceof String id ? RoomVersion.all().get(id) : RoomVersion.V1;
        if (version == null || !(made.get("event") instanceof Map<?, ?> template) || !isMembershipTemplate(template, roomId, userId)) {
            throw FederationHttp.unreachable(server);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", "leave");
        if (reason != null) {
            content.put("reason", reason);
        }
        Pdu leave = sign((Map<String, Object>) template, version, content);
        http.json("PUT", server, "/_matrix/federation/v2/send_leave/" + encode(roomId) + "/" + encode(leave.eventId()),
                leave.json());
        store.storeOutOfBand(roomId, version, leave, List.of());
    }

    private static boolean isMembershipTemplate(Map<?, ?> template, String roomId, String userId) {
        return roomId.equals(template.get("room_id")) && userId.equals(template.get("sender"))
                && userId.equals(template.get("state_key")) && "m.room.member".equals(template.get("type"));
    }

    @SuppressWarnings("unchecked")
    private void joinThrough(ServerName server, String userId, String roomId, String reason) {
        String versions = RoomVersion.all().keySet().stream().map(v -> "ver=" + v).collect(Collectors.joining("&"));
        Map<String, Object> made = http.json("GET", server, "/_matrix/federation/v1/make_join/" + encode(roomId) + "/"
                + encode(userId) + "?" + versions, null);
        RoomVersion version = made.get("room_version") instanceof String id ? RoomVersion.all().get(id) : RoomVersion.V1;
        if (version == null) {
            throw new MatrixException(ErrCode.M_UNSUPPORTED_ROOM_VERSION, 400,
                    "The room's version " + made.get("room_version") + " is not one this server supports", Map.of());
        }
        if (!(made.get("event") instanceof Map<?, ?> template) || !isMembershipTemplate(template, roomId, userId)) {
            throw FederationHttp.unreachable(server);
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("membership", "join");
        content.putAll(profiles.memberFields(userId));
        if (reason != null) {
            content.put("reason", reason);
        }
        if (template.get("content") instanceof Map<?, ?> given && given.get("join_authorised_via_users_server") != null) {
            content.put("join_authorised_via_users_server", given.get("join_authorised_via_users_server"));
        }
        Pdu join = sign((Map<String, Object>) template, version, content);
        Map<String, Object> answer = http.json("PUT", server, "/_matrix/federation/v2/send_join/" + encode(roomId) + "/"
                + encode(join.eventId()), join.json());
        if (!(answer.get("state") instanceof List<?> state) || !(answer.get("auth_chain") instanceof List<?> chain)) {
            throw FederationHttp.unreachable(server);
        }
        JoinResponse.Checked checked;
        try {
            checked = JoinResponse.check(state, chain, roomId, version, remoteKeys.forRoom(version), StateAtEvent.RULES);
        } catch (InvalidPduException e) {
            LOG.infof("The send_join answer of %s for %s is unusable: %s", server, roomId, e.getMessage());
            throw FederationHttp.unreachable(server);
        }
        store.importJoin(roomId, version, withAuthorisersSignature(join, answer.get("event"), version), checked);
    }

    /**
     * A restricted join as the resident server sent it on (server-server API, {@code send_join}'s
     * {@code event}): with the signature of the server that vouched for it, which other servers
     * will ask for when they fetch the event from us. Without it (or with one that does not
     * verify), our own copy is kept.
     */
    private Pdu withAuthorisersSignature(Pdu join, Object residentsCopy, RoomVersion version) {
        if (!(join.content().get("join_authorised_via_users_server") instanceof String authoriser)
                || authoriser.indexOf(':') < 0) {
            return join;
        }
        String server = authoriser.substring(authoriser.indexOf(':') + 1);
        Pdu signed = AddedSignatures.of(join, residentsCopy, server);
        return signed != null && PduSignatures.isSignedBy(signed, version, server, remoteKeys.forRoom(version)) ? signed : join;
    }

    /** The template as our event: the given content, our timestamp, origin and signature. */
    private Pdu sign(Map<String, Object> template, RoomVersion version, Map<String, Object> content) {
        Map<String, Object> event = new LinkedHashMap<>(template);
        event.remove("signatures");
        event.remove("hashes");
        event.remove("event_id");
        event.remove("unsigned");
        event.put("content", content);
        event.put("origin_server_ts", System.currentTimeMillis());
        String us = settings.serverName().toString();
        if (version.v11RedactionAndEventFormat()) {
            event.remove("origin");
        } else {
            event.put("origin", us);
        }
        return EventSigner.finish(event, version, us, keys.signingKey());
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
