package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;
import org.weft.core.event.Pdu;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.membership.InviteReceiver;
import org.weft.ejb.federation.membership.ResidentMembership;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * The v2 forms of {@code send_join} and {@code send_leave} (server-server API, "Joining Rooms",
 * "Leaving Rooms (Rejecting Invites)"): plain objects instead of v1's {@code [200, ...]}; and
 * {@code invite} v2 ("Inviting to a room"; v1, deprecated, is not served). A root
 * resource of its own: JAX-RS matches the longest root path first, so one class for both
 * versions would hide these behind {@code /_matrix/federation/v1}.
 */
@Path("/_matrix/federation/v2")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationMembershipV2Resource {

    @EJB
    ResidentMembership membership;

    @EJB
    InviteReceiver invites;

    @Inject
    CurrentOrigin origin;

    @Inject
    WeftSettings settings;

    /** {@code PUT /_matrix/federation/v2/send_join/{roomId}/{eventId}}: members are never omitted. */
    @PUT
    @Path("/send_join/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> sendJoin(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        return joinAnswer(settings, membership.receive(origin.get(), roomId, eventId, "join", origin.content()));
    }

    /** {@code PUT /_matrix/federation/v2/send_leave/{roomId}/{eventId}}. */
    @PUT
    @Path("/send_leave/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> sendLeave(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        membership.receive(origin.get(), roomId, eventId, "leave", origin.content());
        return Map.of();
    }

    /**
     * {@code PUT /_matrix/federation/v2/invite/{roomId}/{eventId}}: an invite for one of our users,
     * answered with our signature added.
     */
    @PUT
    @Path("/invite/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> invite(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        return Map.of("event", invites.receive(origin.get(), roomId, eventId, origin.content()).json());
    }

    static Map<String, Object> joinAnswer(WeftSettings settings, ResidentMembership.JoinedState joined) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("origin", settings.serverName().toString());
        answer.put("state", joined.state().stream().map(Pdu::json).toList());
        answer.put("auth_chain", joined.authChain().stream().map(Pdu::json).toList());
        answer.put("event", joined.event().json());
        answer.put("members_omitted", false);
        answer.put("servers_in_room", joined.serversInRoom());
        return answer;
    }
}
