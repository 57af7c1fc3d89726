package org.weft.web.federation;

import jakarta.ejb.EJB;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.weft.ejb.config.WeftSettings;
import org.weft.ejb.federation.membership.ResidentMembership;
import org.weft.web.auth.CurrentOrigin;
import org.weft.web.auth.FederationAuthenticated;

/**
 * Another server's user joining, knocking on or leaving a room Weft holds (server-server API, "Joining Rooms":
 * {@code make_join}, {@code send_join} v1 and v2; "Leaving Rooms (Rejecting Invites)":
 * {@code make_leave}, {@code send_leave} v1 and v2, the v2 ones in {@link FederationMembershipV2Resource};
 * {@code make_knock}, {@code send_knock}).
 * The checks: {@link ResidentMembership}.
 */
@Path("/_matrix/federation/v1")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@FederationAuthenticated
public class FederationMembershipResource {

    @EJB
    ResidentMembership membership;

    @Inject
    CurrentOrigin origin;

    @EJB
    org.weft.ejb.federation.membership.InviteReceiver invites;

    @Inject
    WeftSettings settings;

    /** {@code GET /_matrix/federation/v1/make_join/{roomId}/{userId}?ver=}. */
    @GET
    @Path("/make_join/{roomId}/{userId}")
    public Map<String, Object> makeJoin(@PathParam("roomId") String roomId, @PathParam("userId") String userId,
                                        @QueryParam("ver") List<String> versions) {
        return membership.template(origin.get(), roomId, userId, "join", versions);
    }

    /** {@code PUT /_matrix/federation/v1/send_join/{roomId}/{eventId}}: the v2 answer in v1's {@code [200, ...]}. */
    @PUT
    @Path("/send_join/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Object> sendJoinV1(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        Map<String, Object> v2 = FederationMembershipV2Resource.joinAnswer(settings,
                membership.receive(origin.get(), roomId, eventId, "join", origin.content()));
        return List.of(200, Map.of("origin", v2.get("origin"), "state", v2.get("state"), "auth_chain", v2.get("auth_chain")));
    }

    /**
     * {@code PUT /_matrix/federation/v1/invite/{roomId}/{eventId}} (deprecated; room versions 1 and
     * 2): the invite event itself as the body, its {@code unsigned.invite_room_state}, answered in
     * v1's {@code [200, {"event"}]}.
     */
    @PUT
    @Path("/invite/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Object> inviteV1(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        return List.of(200, Map.of("event", invites.receiveV1(origin.get(), roomId, eventId, origin.content()).json()));
    }

    /**
     * {@code GET /_matrix/federation/v1/make_knock/{roomId}/{userId}?ver=}: as make_join, for a
     * knock (a room whose join rules do not allow knocking, or a version before 7: 403).
     */
    @GET
    @Path("/make_knock/{roomId}/{userId}")
    public Map<String, Object> makeKnock(@PathParam("roomId") String roomId, @PathParam("userId") String userId,
                                         @QueryParam("ver") List<String> versions) {
        return membership.template(origin.get(), roomId, userId, "knock", versions);
    }

    /**
     * {@code PUT /_matrix/federation/v1/send_knock/{roomId}/{eventId}}: the signed knock, received
     * as a PDU and relayed; answered with {@code knock_room_state}.
     */
    @PUT
    @Path("/send_knock/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, Object> sendKnock(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        membership.receive(origin.get(), roomId, eventId, "knock", origin.content());
        Object sender = origin.content() instanceof Map<?, ?> knock ? knock.get("sender") : null;
        return Map.of("knock_room_state", membership.knockRoomState(roomId, String.valueOf(sender)));
    }

    /** {@code GET /_matrix/federation/v1/make_leave/{roomId}/{userId}}. */
    @GET
    @Path("/make_leave/{roomId}/{userId}")
    public Map<String, Object> makeLeave(@PathParam("roomId") String roomId, @PathParam("userId") String userId) {
        return membership.template(origin.get(), roomId, userId, "leave", null);
    }

    /** {@code PUT /_matrix/federation/v1/send_leave/{roomId}/{eventId}}. */
    @PUT
    @Path("/send_leave/{roomId}/{eventId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public List<Object> sendLeaveV1(@PathParam("roomId") String roomId, @PathParam("eventId") String eventId) {
        membership.receive(origin.get(), roomId, eventId, "leave", origin.content());
        return List.of(200, Map.of());
    }
}
